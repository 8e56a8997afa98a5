# METADATA
# title: EKS control plane sends audit and authenticator logs
# description: >-
#   The audit log records every request to the Kubernetes API (who did what
#   to which object); the authenticator log maps IAM identities to Kubernetes
#   users. Both are off unless enabled_cluster_log_types lists them.
# custom:
#   id: aws-eks-audit-logging
#   severity: medium
#   resource_types: [aws_eks_cluster, "AWS::EKS::Cluster"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.4]
#   remediation: >-
#     Set enabled_cluster_log_types = ["api", "audit", "authenticator"] (add
#     "controllerManager" and "scheduler" if you like).
#   remediation_by_format:
#     terraform: >-
#       Set enabled_cluster_log_types = ["api", "audit", "authenticator"] (add
#       "controllerManager" and "scheduler" if you like).
#     cloudformation: >-
#       Set Logging: {ClusterLogging: {EnabledTypes: [{Type: api}, {Type:
#       audit}, {Type: authenticator}]}} on the AWS::EKS::Cluster.
package attest.rules.aws.eks_audit_logging

import data.attest.lib.aws.props

# types is the list of enabled log types: strings in Terraform, {Type: ...}
# objects in CloudFormation.
types := [t.Type | some t in props.get("enabled_cluster_log_types", []); is_object(t)] if input.resource.format == "cloudformation"
else := props.get("enabled_cluster_log_types", [])

deny contains msg if {
	not props.is_unknown("enabled_cluster_log_types")
	some t in ["audit", "authenticator"]
	not t in types
	msg := sprintf("%s does not include %q", [props.name("enabled_cluster_log_types"), t])
}

unknown contains msg if {
	props.is_unknown("enabled_cluster_log_types")
	some t in ["audit", "authenticator"]
	not t in types
	msg := sprintf("%s is not known statically; it may not include %q", [props.name("enabled_cluster_log_types"), t])
}

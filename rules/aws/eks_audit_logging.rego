# METADATA
# title: EKS control plane sends audit and authenticator logs
# description: >-
#   The audit log records every request to the Kubernetes API (who did what
#   to which object); the authenticator log maps IAM identities to Kubernetes
#   users. Both are off unless enabled_cluster_log_types lists them.
# custom:
#   id: aws-eks-audit-logging
#   severity: medium
#   resource_types: [aws_eks_cluster]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.4]
#   remediation: Set enabled_cluster_log_types = ["api", "audit", "authenticator"] (add "controllerManager" and "scheduler" if you like).
package attest.rules.aws.eks_audit_logging

import data.attest.lib

types := lib.get(input.resource, "enabled_cluster_log_types", [])

deny contains msg if {
	not lib.is_unknown(input.resource, "enabled_cluster_log_types")
	some t in ["audit", "authenticator"]
	not t in types
	msg := sprintf("enabled_cluster_log_types does not include %q", [t])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "enabled_cluster_log_types")
	some t in ["audit", "authenticator"]
	not t in types
	msg := sprintf("enabled_cluster_log_types is not known statically; it may not include %q", [t])
}

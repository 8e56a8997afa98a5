# METADATA
# title: EKS clusters grant access to roles, not IAM users
# description: >-
#   Cluster access given to an IAM user is tied to long-lived credentials in
#   one account, outside single sign-on and its joiner and leaver process.
#   Access entries or a mapped role assumed through Identity Center keep
#   every person's access in one place. The rule fails a cluster that an
#   aws_eks_access_entry (AWS::EKS::AccessEntry in CloudFormation, or the
#   cluster's own AccessConfig entries) grants to an IAM user ARN
#   (arn:aws:iam::<account>:user/...), or whose aws-auth ConfigMap
#   (kubernetes_config_map or kubernetes_config_map_v1_data in the same
#   root) maps users. A principal known only at apply time makes the verdict
#   unknown.
# custom:
#   id: org-eks-no-iam-users
#   severity: medium
#   resource_types: [aws_eks_cluster, "AWS::EKS::Cluster"]
#   controls:
#     soc2: [CC6.1, CC6.2, CC6.3]
#     pci-dss-4.0: [7.2.1, 8.2.4, 8.2.5]
#   remediation: >-
#     Replace access entries and aws-auth mapUsers for IAM users with entries
#     for roles (an Identity Center permission set's role, or a role people
#     assume with MFA).
#   remediation_by_format:
#     terraform: >-
#       resource "aws_eks_access_entry" "admins" { cluster_name =
#       aws_eks_cluster.this.name; principal_arn = aws_iam_role.admins.arn }
#       instead of an entry for arn:aws:iam::<account>:user/<name>.
#     cloudformation: >-
#       Give the AWS::EKS::AccessEntry a PrincipalArn of a role, not of an IAM
#       user.
package attest.rules.org.eks_no_iam_users

import data.attest.lib
import data.attest.lib.aws.org

user_arn(v) if {
	is_string(v)
	regex.match(`^arn:aws[a-z-]*:iam::[^:]*:user/`, v)
}

entries contains e if {
	some t, path in {"aws_eks_access_entry": "cluster_name", "AWS::EKS::AccessEntry": "ClusterName"}
	some e in lib.referrers(t, path) # lib.linked's resources, without making them a set first
}

entry_principal(e) := org.get(e, "principal_arn", null)

deny contains msg if {
	some e in entries
	user_arn(entry_principal(e))
	msg := sprintf("access entry %s grants IAM user %s", [e.address, entry_principal(e)])
}

deny contains msg if {
	org.cfn(input.resource)
	some i, e in lib.get(input.resource, "AccessConfig.AccessEntries", [])
	is_object(e)
	user_arn(object.get(e, "PrincipalArn", null))
	msg := sprintf("AccessConfig.AccessEntries.%d grants IAM user %s", [i, e.PrincipalArn])
}

unknown contains msg if {
	some e in entries
	org.is_unknown(e, "principal_arn")
	count(org.refs(e, "principal_arn")) == 0
	msg := sprintf("the principal of access entry %s is not known statically", [e.address])
}

unknown contains msg if {
	some t, path in {"aws_eks_access_entry": "cluster_name", "AWS::EKS::AccessEntry": "ClusterName"}
	lib.may_link(t, path)
	msg := "an access entry may name this cluster, but its cluster or its existence is not known statically"
}

# aws-auth: a ConfigMap named aws-auth in kube-system whose mapUsers is not
# empty, declared through the kubernetes provider next to the cluster.
# A CloudFormation template's root holds no Kubernetes resources.
aws_auth contains m if {
	input.resource.format != "cloudformation"
	some t in ["kubernetes_config_map", "kubernetes_config_map_v1", "kubernetes_config_map_v1_data"]
	some m in lib.resources(t)
	lib.get(m, "metadata.0.name", "") == "aws-auth"
}

deny contains msg if {
	some m in aws_auth
	not lib.is_unknown(m, "data.mapUsers")
	users := lib.get(m, "data.mapUsers", "")
	mapped(users)
	msg := sprintf("%s maps IAM users (mapUsers) into the cluster", [m.address])
}

unknown contains msg if {
	some m in aws_auth
	lib.is_unknown(m, "data.mapUsers")
	msg := sprintf("the mapUsers of %s are not known statically", [m.address])
}

mapped(users) if {
	is_string(users)
	not trim_space(users) in {"", "[]"}
}

mapped(users) if {
	is_array(users)
	count(users) > 0
}

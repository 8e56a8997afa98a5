# METADATA
# title: EKS clusters do not give their creator permanent cluster admin
# description: >-
#   Unless told otherwise, EKS makes the IAM identity that created a cluster a
#   cluster administrator, invisibly and for good: often a CI role or a
#   person's session that sits outside the access reviews and the MFA policy
#   that govern everyone else. The rule fails a cluster whose
#   access_config.bootstrap_cluster_creator_admin_permissions is not false
#   (it defaults to true, also when access_config is absent); grant admin
#   through an access entry instead. A cluster that must keep it gets an
#   entry in the exceptions register, with its justification and expiry.
# custom:
#   id: org-eks-creator-admin-disabled
#   severity: high
#   resource_types: [aws_eks_cluster, "AWS::EKS::Cluster"]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 8.5.1]
#   remediation: >-
#     Set bootstrap_cluster_creator_admin_permissions = false in the
#     cluster's access_config and grant administrators an aws_eks_access_entry
#     with the AmazonEKSClusterAdminPolicy access policy; if the creator must
#     keep admin, record an exception for this rule and cluster.
#   remediation_by_format:
#     terraform: >-
#       access_config { authentication_mode = "API";
#       bootstrap_cluster_creator_admin_permissions = false } on the
#       aws_eks_cluster, and an aws_eks_access_entry plus
#       aws_eks_access_policy_association for the admin role.
#     cloudformation: >-
#       Set AccessConfig: {AuthenticationMode: API,
#       BootstrapClusterCreatorAdminPermissions: false} on the
#       AWS::EKS::Cluster and grant admins through AccessEntries.
package attest.rules.org.eks_creator_admin

import data.attest.lib
import data.attest.lib.aws.org

# org.cfn(input.resource) written out, in one rule with an else.
setting := "AccessConfig.BootstrapClusterCreatorAdminPermissions" if input.resource.format == "cloudformation"
else := "access_config.0.bootstrap_cluster_creator_admin_permissions"

deny contains msg if {
	not lib.is_unknown(input.resource, setting)
	org.normal(lib.get(input.resource, setting, true)) != false
	msg := sprintf("%s is not false: the cluster's creator keeps cluster admin", [setting])
}

unknown contains msg if {
	lib.is_unknown(input.resource, setting)
	msg := sprintf("%s is not known statically", [setting])
}

# METADATA
# title: MemoryDB clusters do not use the open-access ACL
# description: >-
#   The built-in open-access ACL lets every connection act as the default
#   user with every command and key, without a password. A cluster passes
#   when its ACL is one of your own, with users that authenticate.
# custom:
#   id: aws-memorydb-auth
#   severity: high
#   resource_types: [aws_memorydb_cluster, "AWS::MemoryDB::Cluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1, 7.3.1]
#   remediation: Create an aws_memorydb_acl with password-protected users limited to the commands and keys they need, and set acl_name to it.
#   remediation_by_format:
#     terraform: >-
#       Set acl_name = aws_memorydb_acl.<name>.id, an ACL whose
#       aws_memorydb_user members authenticate with passwords or IAM.
#     cloudformation: >-
#       Set ACLName to an AWS::MemoryDB::ACL whose AWS::MemoryDB::User
#       members authenticate with passwords or IAM.
package attest.rules.aws.memorydb_auth

import data.attest.lib.aws.svc

deny contains msg if {
	not svc.is_unknown("acl_name")
	svc.get("acl_name", "open-access") == "open-access"
	msg := "the cluster uses the open-access ACL, which needs no password"
}

unknown contains msg if {
	svc.is_unknown("acl_name")
	count(svc.refs("acl_name")) == 0
	msg := "acl_name is not known statically"
}

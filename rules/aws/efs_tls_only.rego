# METADATA
# title: EFS file system policies refuse mounts without TLS
# description: >-
#   An NFS mount without the TLS mount option sends file contents across
#   the VPC in the clear, and only the file system policy can make the
#   server refuse it. A file system passes when its policy (an
#   aws_efs_file_system_policy, or FileSystemPolicy in CloudFormation)
#   denies every principal all actions, or all elasticfilesystem actions,
#   when aws:SecureTransport is false.
# custom:
#   id: aws-efs-tls-only
#   severity: medium
#   resource_types: [aws_efs_file_system, "AWS::EFS::FileSystem"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Add a file system policy that denies all actions when aws:SecureTransport is false, and mount with the tls option.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_efs_file_system_policy (file_system_id =
#       aws_efs_file_system.<name>.id) whose statement has Effect "Deny",
#       Principal {AWS = "*"}, Action "*", Condition Bool
#       aws:SecureTransport = "false".
#     cloudformation: >-
#       Set FileSystemPolicy on the AWS::EFS::FileSystem with a statement
#       {Effect: Deny, Principal: {AWS: "*"}, Action: "*", Condition: {Bool:
#       {"aws:SecureTransport": false}}}.
package attest.rules.aws.efs_tls_only

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.svc
import data.attest.lib.aws.transport

actions := {"elasticfilesystem:*"}

policies contains p if {
	svc.cfn
	p := lib.get(input.resource, "FileSystemPolicy", null)
	p != null
}

policies contains p if {
	not svc.cfn
	some c in aws.linked("aws_efs_file_system_policy", "file_system_id")
	p := lib.get(c, "policy", null)
	p != null
}

undetermined if {
	svc.cfn
	lib.is_unknown(input.resource, "FileSystemPolicy")
}

undetermined if {
	not svc.cfn
	some c in aws.linked("aws_efs_file_system_policy", "file_system_id")
	lib.is_unknown(c, "policy")
}

undetermined if {
	not svc.cfn
	aws.may_link("aws_efs_file_system_policy", "file_system_id")
}

undetermined if transport.undetermined(policies, actions)

deny contains msg if {
	not transport.enforced(policies, actions)
	not undetermined
	msg := "no file system policy denies access where aws:SecureTransport is false"
}

unknown contains msg if {
	not transport.enforced(policies, actions)
	undetermined
	msg := "the file system policy is not known statically"
}

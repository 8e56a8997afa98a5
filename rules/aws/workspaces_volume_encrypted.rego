# METADATA
# title: WorkSpaces encrypt their root and user volumes
# description: >-
#   A WorkSpace is a desktop in the cloud: its user volume holds the user's
#   downloads, documents and browser profile, its root volume the caches and
#   swap. Neither is encrypted unless asked for when the WorkSpace is
#   created (encryption cannot be added later). A WorkSpace passes when both
#   root_volume_encryption_enabled and user_volume_encryption_enabled
#   (RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled in
#   CloudFormation) are true.
# custom:
#   id: aws-workspaces-volume-encrypted
#   severity: medium
#   resource_types: [aws_workspaces_workspace, "AWS::WorkSpaces::Workspace"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Create the WorkSpace with both volumes encrypted under a KMS key.
#   remediation_by_format:
#     terraform: >-
#       Set root_volume_encryption_enabled = true,
#       user_volume_encryption_enabled = true and volume_encryption_key =
#       aws_kms_key.workspaces.arn on the aws_workspaces_workspace.
#     cloudformation: >-
#       Set RootVolumeEncryptionEnabled: true, UserVolumeEncryptionEnabled:
#       true and VolumeEncryptionKey on the AWS::WorkSpaces::Workspace.
package attest.rules.aws.workspaces_volume_encrypted

import data.attest.lib

paths := ["RootVolumeEncryptionEnabled", "UserVolumeEncryptionEnabled"] if input.resource.format == "cloudformation"

paths := ["root_volume_encryption_enabled", "user_volume_encryption_enabled"] if input.resource.format != "cloudformation"

enabled(p) if lib.get(input.resource, p, false) == true

enabled(p) if {
	v := lib.get(input.resource, p, false)
	is_string(v)
	lower(v) == "true"
}

deny contains msg if {
	some p in paths
	not lib.is_unknown(input.resource, p)
	not enabled(p)
	msg := sprintf("%s is not true: the volume is stored unencrypted", [p])
}

unknown contains msg if {
	some p in paths
	lib.is_unknown(input.resource, p)
	msg := sprintf("%s is not known statically", [p])
}

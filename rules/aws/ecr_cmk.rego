# METADATA
# title: ECR repositories encrypt images with KMS
# description: >-
#   By default ECR encrypts images with AES-256 keys that ECR manages,
#   outside any key policy you control. A repository passes when its
#   encryption type is KMS or KMS_DSSE, so that pulling a layer also
#   needs permission on a KMS key whose use is logged in CloudTrail.
# custom:
#   id: aws-ecr-cmk
#   severity: low
#   resource_types: [aws_ecr_repository, "AWS::ECR::Repository"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1]
#   remediation: Create the repository with encryption_type = "KMS" and a customer managed key (this replaces the repository).
#   remediation_by_format:
#     terraform: >-
#       Add encryption_configuration { encryption_type = "KMS",
#       kms_key = aws_kms_key.<name>.arn } to the aws_ecr_repository
#       (this replaces it).
#     cloudformation: >-
#       Set EncryptionConfiguration {EncryptionType: KMS, KmsKey:
#       ...} on the AWS::ECR::Repository (this replaces it).
package attest.rules.aws.ecr_cmk

import data.attest.lib

attr := "encryption_configuration.0.encryption_type" if input.resource.format != "cloudformation"

attr := "EncryptionConfiguration.EncryptionType" if input.resource.format == "cloudformation"

default_value := "AES256"

value := _normal(lib.get(input.resource, attr, default_value))

good if value in {"KMS", "KMS_DSSE"}

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := sprintf("images are encrypted with %v keys managed by ECR, not KMS", [value])
}

# The default never stands in for a value that is not known.
unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v

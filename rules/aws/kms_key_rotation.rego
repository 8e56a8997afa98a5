# METADATA
# title: KMS customer keys rotate automatically
# description: >-
#   Automatic rotation gives a symmetric key new key material every year (or
#   the period set) while old material stays available to decrypt, which
#   bounds how much data one key version protects. AWS can rotate only
#   symmetric encryption keys, so asymmetric and HMAC keys are not judged.
# custom:
#   id: aws-kms-key-rotation
#   severity: medium
#   resource_types: [aws_kms_key, "AWS::KMS::Key"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.7.4]
#   remediation: Set enable_key_rotation = true (rotation_period_in_days defaults to 365).
#   remediation_by_format:
#     terraform: >-
#       Set enable_key_rotation = true (rotation_period_in_days defaults to
#       365).
#     cloudformation: >-
#       Set EnableKeyRotation: true on the AWS::KMS::Key (RotationPeriodInDays
#       365 or less).
package attest.rules.aws.kms_key_rotation

import data.attest.lib.aws.props

symmetric if {
	props.get("customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	props.get("key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

spec_unknown if props.is_unknown("customer_master_key_spec")

spec_unknown if props.is_unknown("key_usage")

deny contains msg if {
	symmetric
	not spec_unknown
	not props.is_unknown("enable_key_rotation")
	props.get("enable_key_rotation", false) != true
	msg := "enable_key_rotation is not true on a symmetric key"
}

deny contains msg if {
	symmetric
	not spec_unknown
	days := props.get("rotation_period_in_days", 365)
	is_number(days)
	days > 365
	msg := sprintf("rotation_period_in_days is %v, more than a year", [days])
}

unknown contains msg if {
	spec_unknown
	msg := "the key spec or usage is not known statically"
}

unknown contains msg if {
	symmetric
	not spec_unknown
	props.get("enable_key_rotation", false) == true
	props.is_unknown("rotation_period_in_days")
	msg := "rotation_period_in_days is not known statically"
}

unknown contains msg if {
	props.is_unknown("enable_key_rotation")
	msg := "enable_key_rotation is not known statically"
}

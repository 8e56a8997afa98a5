# METADATA
# title: S3 bucket versioning requires MFA to delete versions
# description: >-
#   Versioning keeps old copies of every object, but anyone allowed to call
#   DeleteObjectVersion can still purge them, and so can stolen keys. With
#   MFA delete on, permanently deleting a version or turning versioning off
#   takes the bucket owner's (root) MFA code as well. Only Terraform can set
#   it, through aws_s3_bucket_versioning's versioning_configuration.mfa_delete
#   (the call needs the root user's MFA serial and code); CloudFormation has
#   no property for MFA delete, so AWS::S3::Bucket is not judged. A
#   versioning resource passes when mfa_delete is "Enabled".
# custom:
#   id: aws-s3-mfa-delete
#   severity: low
#   resource_types: [aws_s3_bucket_versioning]
#   controls:
#     soc2: [A1.2, PI1.5]
#     pci-dss-4.0: [10.3.2]
#   remediation: >-
#     Enable MFA delete on the bucket's versioning, applied by the root user
#     with its MFA device (mfa = "<serial> <code>").
#   remediation_by_format:
#     terraform: >-
#       Set versioning_configuration { status = "Enabled"; mfa_delete =
#       "Enabled" } and mfa = "<root MFA serial> <code>" on the
#       aws_s3_bucket_versioning.
package attest.rules.aws.s3_mfa_delete

import data.attest.lib

path := "versioning_configuration.0.mfa_delete"

undetermined if lib.is_unknown(input.resource, path)

enabled if lib.get(input.resource, path, "") == "Enabled"

deny contains msg if {
	not undetermined
	not enabled
	msg := sprintf("versioning_configuration.mfa_delete is %q, not \"Enabled\": versions can be deleted without MFA", [lib.get(input.resource, path, "Disabled")])
}

unknown contains msg if {
	undetermined
	msg := "versioning_configuration.mfa_delete is not known statically"
}

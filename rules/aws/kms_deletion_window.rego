# METADATA
# title: KMS keys wait at least 14 days before deletion
# description: >-
#   Deleting a KMS key destroys every piece of data encrypted under it, so
#   AWS makes a deletion wait between 7 and 30 days, during which it can be
#   cancelled. The wait is the only defence against a mistaken or malicious
#   ScheduleKeyDeletion, and it only helps if someone notices in time: 7 days
#   can pass over a long weekend before a weekly review or an on-call
#   rotation looks. attest asks for at least 14 days, two full weekly review
#   cycles; the default of 30 passes. A key passes when
#   deletion_window_in_days (PendingWindowInDays in CloudFormation) is unset
#   or at least 14.
# custom:
#   id: aws-kms-deletion-window
#   severity: medium
#   resource_types: [aws_kms_key, "AWS::KMS::Key"]
#   controls:
#     soc2: [CC6.1, A1.2]
#     pci-dss-4.0: [3.6.1]
#   remediation: Leave the deletion window at its default of 30 days, or set it to at least 14.
#   remediation_by_format:
#     terraform: Remove deletion_window_in_days or set it to 14 or more (30 is the default).
#     cloudformation: Remove PendingWindowInDays or set it to 14 or more on the AWS::KMS::Key.
package attest.rules.aws.kms_deletion_window

import data.attest.lib

minimum := 14

path := "PendingWindowInDays" if input.resource.format == "cloudformation"

path := "deletion_window_in_days" if input.resource.format != "cloudformation"

undetermined if lib.is_unknown(input.resource, path)

raw := lib.get(input.resource, path, null)

days := 30 if raw == null

days := raw if is_number(raw)

days := to_number(raw) if {
	is_string(raw)
	regex.match(`^[0-9]+$`, raw)
}

deny contains msg if {
	not undetermined
	days < minimum
	msg := sprintf("%s is %v: a scheduled deletion can complete before anyone notices (want at least %d)", [path, days, minimum])
}

unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [path])
}

unknown contains msg if {
	not undetermined
	not days
	msg := sprintf("%s is %v, which is not a number of days", [path, raw])
}

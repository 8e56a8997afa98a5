# METADATA
# title: The organisation has a multi-region, validated, encrypted organisation trail
# description: >-
#   One organisation trail, created in the management account, records the API
#   activity of every member account in every region, including accounts added
#   later, and member accounts cannot stop it. The rule is judged on the
#   organisation and looks for the trail in every scanned root: some trail
#   must have is_organization_trail, is_multi_region_trail and
#   enable_log_file_validation set to true and a KMS key. A scan that does not
#   hold the organisation gives no verdict; a trail whose settings are known
#   only at apply time makes the verdict unknown.
# custom:
#   id: org-cloudtrail-organization-trail
#   severity: high
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC2.1, CC7.2, CC7.3]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.2.1.4, 10.2.1.5, 10.2.1.6, 10.2.1.7, 10.2.2, 10.3.2, 10.3.3, 10.3.4]
#   remediation: >-
#     In the management account, create one trail with is_organization_trail,
#     is_multi_region_trail and enable_log_file_validation set to true and
#     kms_key_id set to a customer managed key.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_cloudtrail" "org" { name = "org"; s3_bucket_name =
#       aws_s3_bucket.log_archive.id; is_organization_trail = true;
#       is_multi_region_trail = true; enable_log_file_validation = true;
#       kms_key_id = aws_kms_key.trail.arn }
#     cloudformation: >-
#       Add an AWS::CloudTrail::Trail with IsOrganizationTrail,
#       IsMultiRegionTrail, EnableLogFileValidation and IsLogging set to true
#       and KMSKeyId set to a customer managed key.
package attest.rules.org.organization_trail

import data.attest.lib.aws.org

# checks are the settings an organisation trail needs, with what a failure
# says about each.
checks := {
	"is_multi_region_trail": "not multi-region",
	"enable_log_file_validation": "without log file validation",
}

# missing(t) are the requirements trail t is known not to meet.
missing(t) := {m |
	some attr, m in checks
	org.flag(t, attr, false) == false
} | {"not encrypted with a KMS key" |
	not org.set(t, "kms_key_id")
	not org.is_unknown(t, "kms_key_id")
}

# undecided(t) are the requirements of trail t that are not known statically.
undecided(t) := {attr |
	some attr in ["is_organization_trail", "is_multi_region_trail", "enable_log_file_validation"]
	org.flag(t, attr, false) == "unknown"
} | {"kms_key_id" |
	not org.set(t, "kms_key_id")
	org.is_unknown(t, "kms_key_id")
} | {"count or for_each" | not org.exists(t)}

compliant if {
	some t in org.trails
	org.organization_trail(t)
	count(missing(t)) == 0
	count(undecided(t)) == 0
}

may_comply if {
	some t in org.trails
	org.maybe_organization_trail(t)
	count(missing(t)) == 0
}

deny contains msg if {
	not may_comply
	not any_organization_trail
	msg := "no trail in the scanned roots is an organisation trail (is_organization_trail = true)"
}

deny contains msg if {
	not may_comply
	some t in org.trails
	org.organization_trail(t)
	msg := sprintf("organisation trail %s (%s) is %s", [t.address, t.root, concat(", ", sort(missing(t)))])
}

any_organization_trail if {
	some t in org.trails
	org.organization_trail(t)
}

unknown contains msg if {
	not compliant
	may_comply
	some t in org.trails
	org.maybe_organization_trail(t)
	count(missing(t)) == 0
	msg := sprintf("trail %s (%s) may be a compliant organisation trail, but %s is not known statically", [t.address, t.root, concat(", ", sort(undecided(t)))])
}

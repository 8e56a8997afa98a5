# METADATA
# title: The organisation's log archive bucket is locked against deletion
# description: >-
#   The bucket an organisation trail delivers to is the record of what every
#   account did; whoever controls the log archive account could otherwise
#   erase it. The rule is judged on the organisation and finds the bucket
#   through the organisation trail's s3_bucket_name, in whichever scanned root
#   declares it. The bucket must have S3 Object Lock on with a default
#   retention in GOVERNANCE or COMPLIANCE mode, and a bucket policy with a Deny
#   statement on s3:DeleteObject and s3:DeleteObjectVersion (wildcards such as
#   s3:Delete* count). A bucket that is not in the scanned roots, or a lock or
#   policy known only at apply time, makes the verdict unknown.
# custom:
#   id: org-log-archive-locked
#   severity: high
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC7.2, PI1.5, A1.2]
#     pci-dss-4.0: [10.3.2, 10.3.3, 10.5.1]
#   remediation: >-
#     On the log archive bucket set object_lock_enabled = true, add an
#     aws_s3_bucket_object_lock_configuration with a default retention in
#     COMPLIANCE (or GOVERNANCE) mode, and a bucket policy that denies
#     s3:DeleteObject and s3:DeleteObjectVersion to every principal.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_s3_bucket_object_lock_configuration" "archive" { bucket =
#       aws_s3_bucket.archive.id; rule { default_retention { mode =
#       "COMPLIANCE"; days = 365 } } } with object_lock_enabled = true on the
#       bucket, and an aws_s3_bucket_policy with a statement { Effect = "Deny",
#       Principal = "*", Action = ["s3:DeleteObject",
#       "s3:DeleteObjectVersion"], Resource = "${aws_s3_bucket.archive.arn}/*" }.
#     cloudformation: >-
#       On the AWS::S3::Bucket set ObjectLockEnabled: true and
#       ObjectLockConfiguration: {ObjectLockEnabled: Enabled, Rule:
#       {DefaultRetention: {Mode: COMPLIANCE, Days: 365}}}, and give it an
#       AWS::S3::BucketPolicy that denies s3:DeleteObject and
#       s3:DeleteObjectVersion to Principal "*".
package attest.rules.org.log_archive_locked

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

buckets := org.all_of(["aws_s3_bucket", "AWS::S3::Bucket"])

delete_actions := {"s3:DeleteObject", "s3:DeleteObjectVersion"}

lock_modes := {"GOVERNANCE", "COMPLIANCE"}

# archives are the buckets that organisation trails (or trails that may be
# ones) deliver to.
archives contains b if {
	some t in org.trails
	org.maybe_organization_trail(t)
	some b in buckets
	org.names(t, "s3_bucket_name", b)
}

# A trail that may be an organisation trail and whose bucket is not in the
# scanned roots, or not known statically.
unresolved_trail contains t if {
	some t in org.trails
	org.maybe_organization_trail(t)
	not delivers_to_scanned_bucket(t)
}

delivers_to_scanned_bucket(t) if {
	some b in buckets
	org.names(t, "s3_bucket_name", b)
}

# Object Lock, Terraform: the bucket's object_lock_enabled with an
# aws_s3_bucket_object_lock_configuration naming it, or the legacy inline
# object_lock_configuration block.
lock_configs(b) := org.referrers(b, "aws_s3_bucket_object_lock_configuration", "bucket")

locked(b) if {
	not org.cfn(b)
	lib.get(b, "object_lock_enabled", false) == true
	some c in lock_configs(b)
	upper(lib.get(c, "rule.0.default_retention.0.mode", "")) in lock_modes
}

locked(b) if {
	not org.cfn(b)
	upper(lib.get(b, "object_lock_configuration.0.object_lock_enabled", "")) == "ENABLED"
	upper(lib.get(b, "object_lock_configuration.0.rule.0.default_retention.0.mode", "")) in lock_modes
}

locked(b) if {
	org.cfn(b)
	org.normal(lib.get(b, "ObjectLockEnabled", false)) == true
	upper(lib.get(b, "ObjectLockConfiguration.Rule.DefaultRetention.Mode", "")) in lock_modes
}

lock_undetermined(b) if {
	not org.cfn(b)
	some path in ["object_lock_enabled", "object_lock_configuration"]
	lib.is_unknown(b, path)
}

lock_undetermined(b) if {
	not org.cfn(b)
	some c in lock_configs(b)
	lib.is_unknown(c, "rule")
}

lock_undetermined(b) if {
	not org.cfn(b)
	count(org.conditional_referrers(b, "aws_s3_bucket_object_lock_configuration", "bucket")) > 0
}

lock_undetermined(b) if {
	org.cfn(b)
	some path in ["ObjectLockEnabled", "ObjectLockConfiguration"]
	lib.is_unknown(b, path)
}

# policies(b) are the bucket policy documents of b.
policies(b) := {p |
	not org.cfn(b)
	some bp in org.referrers(b, "aws_s3_bucket_policy", "bucket")
	p := lib.get(bp, "policy", null)
	p != null
} | {p |
	not org.cfn(b)
	p := lib.get(b, "policy", null)
	p != null
} | {p |
	org.cfn(b)
	some bp in org.referrers(b, "AWS::S3::BucketPolicy", "Bucket")
	p := lib.get(bp, "PolicyDocument", null)
	p != null
}

policy_types := {"aws_s3_bucket_policy": "bucket", "AWS::S3::BucketPolicy": "Bucket"}

policy_undetermined(b) if {
	some t, path in policy_types
	some bp in org.referrers(b, t, path)
	some attr in ["policy", "PolicyDocument"]
	lib.is_unknown(bp, attr)
}

policy_undetermined(b) if {
	some t, path in policy_types
	count(org.conditional_referrers(b, t, path)) > 0
}

policy_undetermined(b) if {
	some p in policies(b)
	aws.opaque_statement(p)
}

policy_undetermined(b) if {
	some p in policies(b)
	some s in lib.statements(p)
	is_object(s)
	s.Effect == "Deny"
	some a in aws.actions(s)
	a == lower(lib.unknown_value)
}

# undenied(b) are the delete actions no Deny statement of b's policies
# covers.
undenied(b) := {a |
	some a in delete_actions
	not denied(b, a)
}

denied(b, a) if {
	some p in policies(b)
	some s in lib.statements(p)
	is_object(s)
	s.Effect == "Deny"
	some pattern in aws.values(object.get(s, "Action", null))
	org.action_covers(pattern, a)
}

problems(b) := {"Object Lock is not on with a default GOVERNANCE or COMPLIANCE retention" |
	not locked(b)
	not lock_undetermined(b)
} | {sprintf("no bucket policy denies %s", [concat(", ", sort(undenied(b)))]) |
	count(undenied(b)) > 0
	not policy_undetermined(b)
}

undecided(b) if {
	not locked(b)
	lock_undetermined(b)
}

undecided(b) if {
	count(undenied(b)) > 0
	policy_undetermined(b)
}

any_trail if {
	some t in org.trails
	org.maybe_organization_trail(t)
}

deny contains msg if {
	not any_trail
	msg := "no organisation trail in the scanned roots names a log archive bucket to check"
}

deny contains msg if {
	some b in archives
	count(problems(b)) > 0
	msg := sprintf("log archive bucket %s (%s): %s", [b.address, b.root, concat("; ", sort(problems(b)))])
}

unknown contains msg if {
	some b in archives
	count(problems(b)) == 0
	undecided(b)
	msg := sprintf("the Object Lock or the policy of log archive bucket %s (%s) is not known statically", [b.address, b.root])
}

unknown contains msg if {
	some t in unresolved_trail
	msg := sprintf("the bucket trail %s (%s) delivers to is not in the scanned roots, or its name is not known statically", [t.address, t.root])
}

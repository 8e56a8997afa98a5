# METADATA
# title: S3 buckets refuse requests that do not use TLS
# description: >-
#   A bucket accepts plain HTTP unless its policy denies every request where
#   aws:SecureTransport is false. Without that statement, a client that is
#   misconfigured or downgraded can read or write objects in clear text.
#   The policy may be the bucket's legacy inline policy argument or an
#   aws_s3_bucket_policy that names the bucket by reference or by literal name
#   (Terraform), or an AWS::S3::BucketPolicy whose Bucket refers to it
#   (CloudFormation).
# custom:
#   id: aws-s3-tls-only
#   severity: high
#   resource_types: [aws_s3_bucket, "AWS::S3::Bucket"]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Attach a bucket policy with a statement that denies s3:* to every
#     principal on the bucket and its objects when the condition
#     Bool aws:SecureTransport is "false".
#   remediation_by_format:
#     terraform: >-
#       Add an aws_s3_bucket_policy for the bucket whose policy has a statement
#       with effect "Deny", principals "*", actions ["s3:*"], resources the
#       bucket ARN and "<arn>/*", and condition Bool aws:SecureTransport =
#       "false".
#     cloudformation: >-
#       Add an AWS::S3::BucketPolicy with Bucket: !Ref YourBucket and a
#       PolicyDocument statement {Effect: Deny, Principal: "*", Action: "s3:*",
#       Resource: [!GetAtt YourBucket.Arn, !Sub "${YourBucket.Arn}/*"],
#       Condition: {Bool: {"aws:SecureTransport": false}}}.
package attest.rules.aws.s3_tls_only

import data.attest.lib.aws
import data.attest.lib.aws.s3

policy_unknown if s3.policy_undetermined

# A statement whose principal, action or condition is not known statically
# may be the one that enforces TLS; so may a statement that is unknown as a
# whole. One body looks at the policies, so that a bucket without one
# enters one body rather than one per question.
policy_unknown if {
	some p in s3.policies
	_policy_unknown(p)
}

_policy_unknown(p) if {
	some stmt in aws.statements(p)
	may_enforce_tls(stmt)
}

_policy_unknown(p) if aws.opaque_statement(p)

_policy_unknown(p) if aws.unreadable(p)

may_enforce_tls(stmt) if {
	stmt.Effect == "Deny"
	aws.may_be_everyone(stmt)
	may_deny_s3(stmt)
	aws.condition_may_be_false(stmt, ["Bool", "BoolIfExists"], "aws:SecureTransport")
}

may_deny_s3(stmt) if {
	some a in aws.actions(stmt)
	a in {"*", "s3:*"}
}

may_deny_s3(stmt) if aws.has_unknown(aws.actions(stmt))

# A statement enforces TLS when it denies every principal s3:* (or *) on
# the condition Bool (or BoolIfExists) aws:SecureTransport false. Its tests
# are written out here rather than in a function called for each
# statement, which would cost the interpreter a frame per statement.
tls_enforced if {
	some p in s3.policies
	some stmt in aws.statements(p)
	stmt.Effect == "Deny"
	aws.everyone(stmt)
	some a in aws.actions(stmt)
	a in {"*", "s3:*"}
	some v in aws.condition_values(stmt, ["Bool", "BoolIfExists"], "aws:SecureTransport")
	aws.is_false(v)
}

deny contains msg if {
	not tls_enforced
	not policy_unknown
	msg := "no bucket policy denies requests where aws:SecureTransport is false"
}

unknown contains msg if {
	not tls_enforced
	policy_unknown
	msg := "the bucket policy is not known statically"
}

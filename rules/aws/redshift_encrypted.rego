# METADATA
# title: Redshift clusters encrypt data at rest
# description: >-
#   A Redshift cluster holds the warehouse's whole history, often
#   including card and personal data, in its blocks and snapshots. A
#   cluster passes when encrypted is true. In Terraform the setting must
#   be written: provider versions before 6 default it to false, which
#   asks AWS for an unencrypted cluster; CloudFormation leaves it to
#   AWS, which encrypts new clusters.
# custom:
#   id: aws-redshift-encrypted
#   severity: high
#   resource_types: [aws_redshift_cluster, "AWS::Redshift::Cluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set encrypted = true (and kms_key_id for a customer managed key).
#   remediation_by_format:
#     terraform: >-
#       Set encrypted = true (optionally kms_key_id =
#       aws_kms_key.<name>.arn) on the aws_redshift_cluster.
#     cloudformation: >-
#       Remove Encrypted: false (or set it to true, optionally with
#       KmsKeyId) on the AWS::Redshift::Cluster.
package attest.rules.aws.redshift_encrypted

import data.attest.lib

attr := "encrypted" if input.resource.format != "cloudformation"

attr := "Encrypted" if input.resource.format == "cloudformation"

default_value := false if input.resource.format != "cloudformation"

default_value := true if input.resource.format == "cloudformation"

value := _normal(lib.get(input.resource, attr, default_value))

good if value == true

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "the cluster is not encrypted (encrypted is not true)"
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

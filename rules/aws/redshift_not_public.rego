# METADATA
# title: Redshift clusters are not publicly accessible
# description: >-
#   A publicly accessible cluster gets an internet-facing address,
#   leaving its security groups and passwords as the only protection for
#   the warehouse. A cluster passes when publicly_accessible is false.
#   In Terraform the setting must be written: provider versions before 6
#   default it to true; CloudFormation defaults it to false.
# custom:
#   id: aws-redshift-not-public
#   severity: critical
#   resource_types: [aws_redshift_cluster, "AWS::Redshift::Cluster"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Set publicly_accessible = false and reach the cluster through the VPC, a VPN or Redshift-managed VPC endpoints.
#   remediation_by_format:
#     terraform: >-
#       Set publicly_accessible = false on the aws_redshift_cluster
#       and place it in a private cluster subnet group.
#     cloudformation: >-
#       Set PubliclyAccessible: false (or remove it) on the
#       AWS::Redshift::Cluster.
package attest.rules.aws.redshift_not_public

import data.attest.lib

attr := "publicly_accessible" if input.resource.format != "cloudformation"

attr := "PubliclyAccessible" if input.resource.format == "cloudformation"

default_value := true if input.resource.format != "cloudformation"

default_value := false if input.resource.format == "cloudformation"

value := _normal(lib.get(input.resource, attr, default_value))

good if value != true

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "the cluster is publicly accessible (publicly_accessible is not false)"
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

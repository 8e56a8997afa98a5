# METADATA
# title: Neptune clusters authenticate callers with IAM
# description: >-
#   Without IAM database authentication anyone who can reach a Neptune
#   endpoint on the network can query and change the graph: Neptune has
#   no users or passwords of its own. A cluster passes when
#   iam_database_authentication_enabled is true, so that every request
#   is signed by an IAM principal.
# custom:
#   id: aws-neptune-iam-auth
#   severity: high
#   resource_types: [aws_neptune_cluster, "AWS::Neptune::DBCluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1, 8.2.1, 7.3.1]
#   remediation: Set iam_database_authentication_enabled = true and grant neptune-db:* actions only to the roles that need them.
#   remediation_by_format:
#     terraform: >-
#       Set iam_database_authentication_enabled = true on the
#       aws_neptune_cluster and grant neptune-db:connect (or
#       narrower actions) to the callers' roles.
#     cloudformation: >-
#       Set IamAuthEnabled: true on the AWS::Neptune::DBCluster and
#       grant neptune-db:connect (or narrower actions) to the
#       callers' roles.
package attest.rules.aws.neptune_iam_auth

import data.attest.lib

attr := "iam_database_authentication_enabled" if input.resource.format != "cloudformation"

attr := "IamAuthEnabled" if input.resource.format == "cloudformation"

default_value := false

value := _normal(lib.get(input.resource, attr, default_value))

good if value == true

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := "IAM database authentication is off, so the endpoint accepts unauthenticated requests"
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

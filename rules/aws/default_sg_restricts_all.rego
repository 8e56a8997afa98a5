# METADATA
# title: Default security groups allow no traffic
# description: >-
#   Every VPC has a default security group that resources join when no group
#   is named; out of the box it lets its members reach each other and
#   anything outside. Managing it with aws_default_security_group and no
#   rules empties it, so that nothing lands in a group that allows traffic by
#   accident. An aws_default_security_group fails when it declares an
#   ingress or egress rule; rules known only at apply time make the verdict
#   unknown. (CloudFormation cannot manage the default group.)
# custom:
#   id: aws-default-sg-restricts-all
#   severity: medium
#   resource_types: [aws_default_security_group]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.1, 1.3.1, 1.3.2, 2.2.1]
#   remediation: >-
#     Declare the default security group with no ingress or egress blocks,
#     and give resources security groups of their own.
package attest.rules.aws.default_sg_restricts_all

import data.attest.lib

deny contains msg if {
	some kind in ["ingress", "egress"]
	some i, _ in lib.get(input.resource, kind, [])
	msg := sprintf("%s.%d allows traffic through the default security group", [kind, i])
}

unknown contains msg if {
	some kind in ["ingress", "egress"]
	kind in object.get(input.resource, "unknown", [])
	msg := sprintf("%s is not known statically", [kind])
}

# METADATA
# title: Security groups do not open every port to the internet
# description: >-
#   An ingress rule for every protocol (-1) or for the whole port range
#   0-65535 from 0.0.0.0/0 or ::/0 exposes every service on the instance,
#   including ones nobody meant to publish. Open only the ports the service
#   needs. Such a rule also fails aws-sg-no-public-ssh and
#   aws-sg-no-public-rdp, since it opens those ports too.
# custom:
#   id: aws-sg-no-public-all-ports
#   severity: critical
#   resource_types: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.4.2]
#   remediation: Replace the rule with rules for the specific ports the service listens on.
#   remediation_by_format:
#     terraform: >-
#       Replace the rule with rules for the specific ports the service listens
#       on.
#     cloudformation: >-
#       Open only the ports the service needs (FromPort/ToPort) instead of
#       IpProtocol -1 or 0-65535 to 0.0.0.0/0.
package attest.rules.aws.sg_no_public_all_ports

import data.attest.lib.aws

deny contains msg if {
	some e in aws.world_ingress
	aws.all_ports(e)
	msg := sprintf("ingress of every port (%v-%v/%s) is open to the internet", [e.from, e.to, e.protocol])
}

unknown contains msg if {
	aws.ingress_undetermined
	msg := "an ingress rule's ports, protocol or sources are not known statically"
}

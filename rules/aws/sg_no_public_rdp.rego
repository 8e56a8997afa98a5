# METADATA
# title: Security groups do not open RDP to the internet
# description: >-
#   Remote Desktop (TCP and UDP 3389) open to 0.0.0.0/0 or ::/0 is one of the
#   most attacked services on the internet. Administrative access belongs
#   behind Session Manager, a VPN or a bastion restricted to known addresses.
#   A port range that includes 3389 counts.
# custom:
#   id: aws-sg-no-public-rdp
#   severity: high
#   resource_types: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.4.2, 2.2.7]
#   remediation: Restrict the rule's source to known address ranges, or remove it and use Fleet Manager or a VPN.
#   remediation_by_format:
#     terraform: >-
#       Restrict the rule's source to known address ranges, or remove it and use
#       Fleet Manager or a VPN.
#     cloudformation: >-
#       Replace CidrIp 0.0.0.0/0 (and CidrIpv6 ::/0) on port 3389 with the
#       addresses that need it, or reach instances through Session Manager or a
#       bastion.
package attest.rules.aws.sg_no_public_rdp

import data.attest.lib.aws

deny contains msg if {
	some e in aws.world_ingress
	aws.allows_port(e, 3389, {"tcp", "udp"})
	msg := sprintf("ingress %v-%v/%s is open to the internet and includes RDP (3389)", [e.from, e.to, e.protocol])
}

unknown contains msg if {
	aws.ingress_undetermined
	msg := "an ingress rule's ports, protocol or sources are not known statically"
}

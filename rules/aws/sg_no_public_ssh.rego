# METADATA
# title: Security groups do not open SSH to the internet
# description: >-
#   SSH (TCP 22) open to 0.0.0.0/0 or ::/0 is scanned and brute-forced within
#   minutes of an instance coming up, and any key leak or sshd flaw becomes a
#   way in. Administrative access belongs behind Session Manager, a VPN or a
#   bastion restricted to known addresses. Inline ingress blocks,
#   aws_security_group_rule and aws_vpc_security_group_ingress_rule are all
#   read; a port range that includes 22 counts.
# custom:
#   id: aws-sg-no-public-ssh
#   severity: high
#   resource_types: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.4.2, 2.2.7]
#   remediation: Restrict the rule's source to known address ranges, or remove it and use AWS Systems Manager Session Manager.
#   remediation_by_format:
#     terraform: >-
#       Restrict the rule's source to known address ranges, or remove it and use
#       AWS Systems Manager Session Manager.
#     cloudformation: >-
#       Replace CidrIp 0.0.0.0/0 (and CidrIpv6 ::/0) on port 22 with the
#       addresses that need it, or reach instances through Session Manager
#       instead of SSH.
package attest.rules.aws.sg_no_public_ssh

import data.attest.lib.aws

deny contains msg if {
	some e in aws.world_ingress
	aws.allows_port(e, 22, {"tcp"})
	msg := sprintf("ingress %v-%v/%s is open to the internet and includes SSH (22)", [e.from, e.to, e.protocol])
}

unknown contains msg if {
	aws.ingress_undetermined
	msg := "an ingress rule's ports, protocol or sources are not known statically"
}

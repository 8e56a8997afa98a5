# METADATA
# title: Client VPN endpoints route all of a connected device's traffic through the VPC
# description: >-
#   With split tunnelling, a laptop connected to the Client VPN keeps talking
#   to the internet directly while it reaches the VPC: it sits on an
#   untrusted network and on the cardholder data environment at once, and
#   whatever reaches it from the internet is one hop from the environment.
#   Without it, every packet of the device goes through the VPC's routes,
#   security groups, network firewall and logs while the device is
#   connected. An endpoint fails when split_tunnel (SplitTunnel) is true;
#   both formats default it to false.
# custom:
#   id: aws-client-vpn-no-split-tunnel
#   severity: medium
#   resource_types: [aws_ec2_client_vpn_endpoint, "AWS::EC2::ClientVpnEndpoint"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.5.1]
#   remediation: Turn split tunnelling off on the Client VPN endpoint and give it routes to the internet through the VPC (a NAT gateway or an egress firewall).
#   remediation_by_format:
#     terraform: >-
#       Set split_tunnel = false (or remove it) on the
#       aws_ec2_client_vpn_endpoint, and add an aws_ec2_client_vpn_route for
#       0.0.0.0/0 through a subnet that reaches the internet by NAT.
#     cloudformation: >-
#       Set SplitTunnel: false (or remove it) on the
#       AWS::EC2::ClientVpnEndpoint, and add an AWS::EC2::ClientVpnRoute for
#       0.0.0.0/0.
package attest.rules.aws.client_vpn_no_split_tunnel

import data.attest.lib
import data.attest.lib.aws.svc

attr := "SplitTunnel" if svc.cfn

attr := "split_tunnel" if not svc.cfn

deny contains msg if {
	not lib.is_unknown(input.resource, attr)
	svc.normal(lib.get(input.resource, attr, false)) == true
	msg := sprintf("%s is true: connected devices reach the internet outside the VPC", [attr])
}

unknown contains msg if {
	lib.is_unknown(input.resource, attr)
	msg := sprintf("%s is not known statically", [attr])
}

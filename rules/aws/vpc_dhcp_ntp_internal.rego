# METADATA
# title: DHCP option sets give instances only internal time servers
# description: >-
#   PCI DSS asks that internal systems take their time only from designated
#   central time servers, and that only those servers talk to outside time
#   sources. A DHCP option set that hands out an NTP server on a public
#   address makes every instance of the VPC take its time straight from the
#   internet. An option set passes when it names no NTP server (instances
#   then use the Amazon Time Sync Service at 169.254.169.123, fed by
#   satellite-linked atomic clocks) or names only the Amazon Time Sync
#   Service and private addresses (RFC 1918, IPv6 unique local): the
#   organisation's own central servers. Any public address fails; an
#   address not known statically makes the verdict unknown.
# custom:
#   id: aws-vpc-dhcp-ntp-internal
#   severity: low
#   resource_types: [aws_vpc_dhcp_options, "AWS::EC2::DHCPOptions"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.6.2]
#   remediation: Remove the public NTP servers from the DHCP option set, leaving the Amazon Time Sync Service (169.254.169.123) or the organisation's internal time servers.
#   remediation_by_format:
#     terraform: >-
#       Set ntp_servers = ["169.254.169.123"] (or the private addresses of
#       the central time servers), or remove it, on the aws_vpc_dhcp_options.
#     cloudformation: >-
#       Set NtpServers: [169.254.169.123] (or the private addresses of the
#       central time servers), or remove it, on the AWS::EC2::DHCPOptions.
package attest.rules.aws.vpc_dhcp_ntp_internal

import data.attest.lib
import data.attest.lib.aws.svc

attr := "NtpServers" if input.resource.format == "cloudformation"
else := "ntp_servers"

servers := [s | some s in lib.get(input.resource, attr, []); is_string(s)]

# Amazon Time Sync Service, private IPv4 ranges and IPv6 unique local
# addresses.
internal_cidrs := ["169.254.169.123/32", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00:ec2::123/128", "fc00::/7"]

internal(s) if {
	some c in internal_cidrs
	net.cidr_contains(c, trim_space(s))
}

# An element that is not an address is not one the rule can place.
address(s) if regex.match(`^[0-9a-fA-F:.]+$`, trim_space(s))

deny contains msg if {
	some s in servers
	address(s)
	not internal(s)
	msg := sprintf("%s hands out %s, a public time server, to every instance of the VPC", [attr, s])
}

unknown contains msg if {
	lib.is_unknown(input.resource, attr)
	msg := sprintf("%s is not known statically", [attr])
}

# METADATA
# title: Network security groups do not open every port to the internet
# description: >-
#   An inbound allow rule from any address (*, 0.0.0.0/0 or the Internet
#   tag) to every port (* or 0-65535), whatever the protocol, turns the
#   group into no filter at all: every service listening behind it, known
#   or forgotten, is on the internet. Only the ports a service needs should
#   be open.
# custom:
#   id: azure-nsg-no-public-all-ports
#   severity: critical
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.1, 1.2.5, 1.3.1, 1.4.2]
#   remediation: >-
#     Replace destination_port_range = "*" by the ports the service needs,
#     e.g. destination_port_ranges = ["443"].
package attest.rules.azure.nsg_no_public_all_ports

import data.attest.lib.azure

all_ports(spec) if spec == "*"

all_ports(spec) if {
	is_string(spec)
	parts := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, spec, 1)[0]
	to_number(parts[1]) <= 1
	to_number(parts[2]) >= 65535
}

allows_inbound(r) if {
	lower(object.get(r, "direction", "")) == "inbound"
	lower(object.get(r, "access", "")) == "allow"
}

deny contains msg if {
	some r in azure.nsg_rules
	allows_inbound(r)
	some src in azure.sources(r)
	azure.public_source(src)
	some spec in azure.ports(r)
	all_ports(spec)
	msg := sprintf("rule %q allows every port (%s) from %s", [object.get(r, "name", "?"), spec, src])
}

unknown contains msg if {
	count(deny) == 0
	azure.nsg_undetermined
	msg := "a rule's direction, access, sources or ports are not known statically"
}

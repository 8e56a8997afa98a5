# METADATA
# title: Network security groups do not open Telnet, VNC or WinRM to the internet
# description: >-
#   Telnet (23) sends passwords in clear text, VNC (5900) and WinRM (5985
#   and 5986) hand out a desktop or a remote shell: each is an administration
#   channel that attackers scan the whole internet for. An inbound allow rule
#   from any address (*, 0.0.0.0/0 or the Internet tag) to one of these
#   ports fails, in a group's inline security_rule blocks or in an
#   azurerm_network_security_rule. SSH and RDP have their own rule.
# custom:
#   id: azure-nsg-no-public-remote-access-ports
#   severity: high
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.5, 1.2.6, 1.3.1, 1.4.2, 2.2.5, 2.2.7]
#   remediation: >-
#     Narrow source_address_prefix(es) to the management network, or drop the
#     ports: security_rule { destination_port_ranges = ["5986"],
#     source_address_prefix = "10.20.0.0/24", ... }; prefer Azure Bastion.
package attest.rules.azure.nsg_no_public_remote_access_ports

import data.attest.lib.azure

remote_ports := {23, 5900, 5985, 5986}

deny contains msg if {
	some [name, port, src] in azure.public_tcp_exposures(remote_ports)
	msg := sprintf("rule %q allows remote access port %d from %s", [name, port, src])
}

unknown contains msg if {
	count(deny) == 0
	azure.nsg_undetermined
	msg := "a rule's direction, access, protocol, sources or ports are not known statically"
}

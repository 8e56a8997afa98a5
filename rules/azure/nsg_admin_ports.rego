# METADATA
# title: Network security groups do not open SSH or RDP to the internet
# description: >-
#   An inbound allow rule from any address (*, 0.0.0.0/0 or the Internet
#   tag) to port 22 or 3389 exposes remote administration of every VM behind
#   the group to the whole internet. Reach VMs through Azure Bastion, a VPN,
#   or just-in-time access with a narrow source instead.
# custom:
#   id: azure-nsg-no-public-admin-ports
#   severity: high
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 2.2.7]
#   remediation: >-
#     Set source_address_prefix(es) to the addresses that administer the VMs,
#     or remove 22/3389 from destination_port_range(s); prefer Azure Bastion.
package attest.rules.azure.nsg_no_public_admin_ports

import data.attest.lib.azure

admin_ports := {22, 3389}

deny contains msg if {
	some [name, port, src] in azure.public_tcp_exposures(admin_ports)
	msg := sprintf("rule %q allows port %d from %s", [name, port, src])
}

unknown contains msg if {
	count(deny) == 0
	azure.nsg_undetermined
	msg := "a rule's direction, access, protocol, sources or ports are not known statically"
}

# METADATA
# title: Virtual machines have no public IP address
# description: >-
#   A public IP on a VM's network interface puts the machine straight on
#   the internet, where only its network security group (often widened for
#   a quick fix) stands in front of SSH, RDP and every service it runs.
#   Reach VMs through a load balancer, Azure Bastion or a VPN instead. The
#   rule follows network_interface_ids to the azurerm_network_interface
#   resources of the configuration and fails when an ip_configuration has a
#   public_ip_address_id.
# custom:
#   id: azure-vm-no-public-ip
#   severity: high
#   resource_types: [azurerm_linux_virtual_machine, azurerm_windows_virtual_machine]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.1, 1.4.2, 1.4.4]
#   remediation: >-
#     Remove public_ip_address_id from the network interface's ip_configuration
#     and publish the service through a load balancer or Application Gateway.
package attest.rules.azure.vm_no_public_ip

import data.attest.lib
import data.attest.lib.azure

nic_type := "azurerm_network_interface"

nics contains n if {
	some address in object.get(input.resource, ["refs", "network_interface_ids"], [])
	some n in lib.resources(nic_type)
	n.address == address
}

# A literal id names an interface of the configuration by its name.
nics contains n if {
	some id in lib.get(input.resource, "network_interface_ids", [])
	is_string(id)
	some n in lib.resources(nic_type)
	name := lower(lib.get(n, "name", ""))
	name != ""
	azure.names_segment(lower(id), name)
}

# public_configs(n) is the name of every ip_configuration of interface n
# with a public IP: a literal id, or a reference to an azurerm_public_ip.
public_configs(n) := {object.get(c, "name", "?") |
	some i, c in lib.get(n, "ip_configuration", [])
	public_path(n, c, i)
}

public_path(_, c, _) if object.get(c, "public_ip_address_id", null) != null

public_path(n, _, i) if count(object.get(n, ["refs", sprintf("ip_configuration.%d.public_ip_address_id", [i])], [])) > 0

# undecided_nic(n): whether interface n has a public IP cannot be told.
undecided_nic(n) if "ip_configuration" in object.get(n, "unknown", [])

undecided_nic(n) if {
	some i, c in lib.get(n, "ip_configuration", [])
	not public_path(n, c, i)
	lib.is_unknown(n, sprintf("ip_configuration.%d.public_ip_address_id", [i]))
}

deny contains msg if {
	some n in nics
	some name in public_configs(n)
	msg := sprintf("network interface %s has a public IP address in ip_configuration %q", [n.address, name])
}

unknown contains msg if {
	count(deny) == 0
	lib.is_unknown(input.resource, "network_interface_ids")
	count(object.get(input.resource, ["refs", "network_interface_ids"], [])) == 0
	msg := "network_interface_ids is not known statically"
}

unknown contains msg if {
	count(deny) == 0
	some n in nics
	undecided_nic(n)
	msg := sprintf("whether %s has a public IP address is not known statically", [n.address])
}

# An interface the configuration does not declare cannot be judged.
unknown contains msg if {
	count(deny) == 0
	some id in lib.get(input.resource, "network_interface_ids", [])
	is_string(id)
	not declared(id)
	msg := sprintf("network interface %s is not declared in this configuration", [id])
}

unknown contains msg if {
	count(deny) == 0
	some address in object.get(input.resource, ["refs", "network_interface_ids"], [])
	not address in {n.address | some n in nics}
	msg := sprintf("network interface %s is not a managed azurerm_network_interface of this configuration", [address])
}

declared(id) if {
	some n in lib.resources(nic_type)
	name := lower(lib.get(n, "name", ""))
	name != ""
	azure.names_segment(lower(id), name)
}

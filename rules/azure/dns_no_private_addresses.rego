# METADATA
# title: Public DNS zones do not publish internal addresses
# description: >-
#   An A or AAAA record of an Azure DNS zone (public: internal names belong
#   in Azure Private DNS, azurerm_private_dns_*) that points at a private
#   address (RFC 1918, the 100.64.0.0/10 shared range, IPv6 unique local)
#   tells anyone on the internet how the internal network is laid out. A
#   record fails when it holds such an address; it is unknown when an
#   address is known only at apply time (such as a network interface's
#   private_ip_address). Alias records (target_resource_id) pass.
# custom:
#   id: azure-dns-no-private-addresses
#   severity: low
#   resource_types: [azurerm_dns_a_record, azurerm_dns_aaaa_record]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.4.5]
#   remediation: >-
#     Move the record to an azurerm_private_dns_zone linked to the virtual
#     networks that need it (azurerm_private_dns_a_record), and remove it
#     from the public zone.
package attest.rules.azure.dns_no_private_addresses

import data.attest.lib

private_addresses := {trim_space(v) |
	some v in lib.get(input.resource, "records", [])
	is_string(v)
	lib.internal_address(v)
}

deny contains msg if {
	count(private_addresses) > 0
	msg := sprintf("the public zone publishes the internal address(es) %s", [concat(", ", sort(private_addresses))])
}

unknown contains msg if {
	count(private_addresses) == 0
	lib.is_unknown(input.resource, "records")
	msg := "records is not known statically and may hold an internal address"
}

# METADATA
# title: Public AKS API servers accept only authorised address ranges
# description: >-
#   When the API server of an AKS cluster has a public endpoint, authorised
#   IP ranges limit it to the addresses of the team, the CI runners and the
#   VPN; without them (or with 0.0.0.0/0 among them) the whole internet can
#   try its credentials and probe it for flaws. Private clusters pass. The
#   ranges are api_server_access_profile.authorized_ip_ranges in azurerm 4
#   and api_server_authorized_ip_ranges in azurerm 3.
# custom:
#   id: azure-aks-api-server-authorized-ip-ranges
#   severity: high
#   resource_types: [azurerm_kubernetes_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 2.2.7]
#   remediation: >-
#     Add api_server_access_profile { authorized_ip_ranges = ["203.0.113.0/24"] }
#     or set private_cluster_enabled = true.
package attest.rules.azure.aks_api_server_authorized_ip_ranges

import data.attest.lib
import data.attest.lib.azure

names := ["api_server_access_profile.0.authorized_ip_ranges", "api_server_authorized_ip_ranges"]

private if lib.get(input.resource, "private_cluster_enabled", false) == true

ranges := {r | some n in names; some r in lib.get(input.resource, n, [])}

deny contains msg if {
	not private
	not lib.is_unknown(input.resource, "private_cluster_enabled")
	not azure.any_unknown(input.resource, names)
	count(ranges) == 0
	msg := "the public API server accepts every address: no authorised IP ranges"
}

deny contains msg if {
	not private
	not lib.is_unknown(input.resource, "private_cluster_enabled")
	some r in ranges
	r in {"0.0.0.0/0", "0.0.0.0", "*"}
	msg := sprintf("the authorised IP ranges include %s", [r])
}

unknown contains msg if {
	not private
	count(deny) == 0
	some n in array.concat(names, ["private_cluster_enabled", "api_server_access_profile"])
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}

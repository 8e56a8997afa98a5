# METADATA
# title: Storage accounts accept only HTTPS with TLS 1.2 or later
# description: >-
#   A storage account that accepts plain HTTP, or TLS 1.0 and 1.1, lets
#   keys, SAS tokens and data cross the network readable or under broken
#   protocols. Both settings are on by default in the azurerm provider; this
#   rule fails when a configuration turns them off or lowers the version.
#   (The attribute is https_traffic_only_enabled since azurerm 4,
#   enable_https_traffic_only before.)
# custom:
#   id: azure-storage-https-tls12
#   severity: high
#   resource_types: [azurerm_storage_account]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Remove https_traffic_only_enabled = false and set min_tls_version = "TLS1_2".
package attest.rules.azure.storage_https_tls12

import data.attest.lib

https_paths := ["https_traffic_only_enabled", "enable_https_traffic_only"]

deny contains msg if {
	some path in https_paths
	lib.get(input.resource, path, true) == false
	msg := sprintf("plain HTTP is accepted: %s = false", [path])
}

deny contains msg if {
	v := lib.get(input.resource, "min_tls_version", "TLS1_2")
	v in {"TLS1_0", "TLS1_1"}
	msg := sprintf("min_tls_version is %s, below TLS1_2", [v])
}

unknown contains msg if {
	some path in array.concat(https_paths, ["min_tls_version"])
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

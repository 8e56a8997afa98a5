# METADATA
# title: Cloud SQL instances do not accept connections from any address
# description: >-
#   An authorised network of 0.0.0.0/0 (or ::/0) on an instance with a
#   public IP lets the whole internet reach the database port, leaving the
#   password as the only barrier. Reach the instance over a private IP or
#   the Cloud SQL Auth Proxy, or list only the addresses that need it.
# custom:
#   id: gcp-sql-no-public-authorized-networks
#   severity: critical
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     Remove the authorized_networks entry whose value is 0.0.0.0/0; prefer
#     ip_configuration { ipv4_enabled = false, private_network = ... }.
package attest.rules.gcp.sql_no_public_authorized_networks

import data.attest.lib

networks_path := "settings.0.ip_configuration.0.authorized_networks"

public_ip_off if lib.get(input.resource, "settings.0.ip_configuration.0.ipv4_enabled", true) == false

deny contains msg if {
	not public_ip_off
	not lib.is_unknown(input.resource, "settings.0.ip_configuration.0.ipv4_enabled")
	some i, n in lib.get(input.resource, networks_path, [])
	object.get(n, "value", "") in {"0.0.0.0/0", "::/0"}
	msg := sprintf("authorized network %q allows any address", [n.value])
}

unknown contains msg if {
	not public_ip_off
	lib.is_unknown(input.resource, networks_path)
	msg := "the authorized networks are not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "settings.0.ip_configuration.0.ipv4_enabled")
	some n in lib.get(input.resource, networks_path, [])
	object.get(n, "value", "") in {"0.0.0.0/0", "::/0"}
	msg := "an authorized network allows any address, and whether the instance has a public IP is not known statically"
}

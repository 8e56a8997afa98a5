# METADATA
# title: Cloud SQL instances have no public IP address
# description: >-
#   An instance with a public IPv4 address sits on the internet: even with
#   no authorised network, it is one configuration change (or one mistake in
#   the list) away from being reachable, and its address is probed. Reach the
#   database over a private IP in the VPC, through Private Service Connect or
#   the Cloud SQL Auth Proxy. The provider gives an instance a public IP unless
#   ip_configuration.ipv4_enabled is false.
# custom:
#   id: gcp-sql-no-public-ip
#   severity: high
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: >-
#     In settings.ip_configuration set ipv4_enabled = false and
#     private_network = google_compute_network.main.id.
package attest.rules.gcp.sql_no_public_ip

import data.attest.lib

path := "settings.0.ip_configuration.0.ipv4_enabled"

deny contains msg if {
	not lib.is_unknown(input.resource, path)
	lib.get(input.resource, path, true) != false
	msg := "the instance has a public IP address: ip_configuration.ipv4_enabled is not false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "ip_configuration.ipv4_enabled is not known statically"
}

# METADATA
# title: Network security groups do not open database ports to the internet
# description: >-
#   Databases are meant to be reached by the applications in front of them,
#   never straight from the internet, where their ports are probed for weak
#   passwords and unpatched engines all day. An inbound allow rule from any
#   address (*, 0.0.0.0/0 or the Internet tag) to SQL Server (1433), Oracle
#   (1521), MySQL (3306), PostgreSQL (5432), Redis (6379, 6380), Cassandra
#   (9042) or MongoDB (27017) fails.
# custom:
#   id: azure-nsg-no-public-database-ports
#   severity: high
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 1.4.4]
#   remediation: >-
#     Allow the database port only from the application subnet:
#     security_rule { destination_port_range = "5432",
#     source_address_prefix = "10.20.1.0/24", ... }.
package attest.rules.azure.nsg_no_public_database_ports

import data.attest.lib.azure

database_ports := {1433, 1521, 3306, 5432, 6379, 6380, 9042, 27017}

deny contains msg if {
	some [name, port, src] in azure.public_tcp_exposures(database_ports)
	msg := sprintf("rule %q allows database port %d from %s", [name, port, src])
}

unknown contains msg if {
	count(deny) == 0
	azure.nsg_undetermined
	msg := "a rule's direction, access, protocol, sources or ports are not known statically"
}

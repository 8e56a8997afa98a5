# METADATA
# title: VPC firewall rules do not open database ports to the internet
# description: >-
#   Databases and caches (MySQL 3306, PostgreSQL 5432, SQL Server 1433,
#   Oracle 1521, MongoDB 27017, Redis 6379, Memcached 11211, Elasticsearch
#   9200, Cassandra 9042) are scanned for from the whole internet within
#   minutes of being exposed. An ingress rule from 0.0.0.0/0 (or ::/0) to
#   one of these ports leaves only the database's own authentication, often
#   weak or absent, in the way.
# custom:
#   id: gcp-firewall-no-public-database-ports
#   severity: critical
#   resource_types: [google_compute_firewall]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 1.4.4]
#   remediation: >-
#     Narrow source_ranges to the application subnets, or reach the database
#     through a private IP or a proxy.
package attest.rules.gcp.firewall_no_public_database_ports

import data.attest.lib
import data.attest.lib.gcp

db_ports := {1433, 1521, 3306, 5432, 6379, 9042, 9200, 11211, 27017}

deny contains msg if {
	gcp.firewall_public_ingress(input.resource)
	some i, _ in lib.get(input.resource, "allow", [])
	some p in db_ports
	gcp.firewall_opens(input.resource, i, "tcp", p)
	msg := sprintf("database port %d is open to the internet", [p])
}

unknown contains msg if {
	count(deny) == 0
	gcp.firewall_undetermined(input.resource)
	msg := "the rule's sources, ports, direction or state are not known statically"
}

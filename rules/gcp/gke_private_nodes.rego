# METADATA
# title: GKE clusters give their nodes private addresses only
# description: >-
#   With private nodes, node VMs get internal IP addresses only, so they are
#   not reachable from the internet whatever the firewall says, and their
#   outbound traffic leaves through Cloud NAT where it can be controlled.
# custom:
#   id: gcp-gke-private-nodes
#   severity: high
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Add private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = "172.16.0.32/28" }.
package attest.rules.gcp.gke_private_nodes

import data.attest.lib

path := "private_cluster_config.0.enable_private_nodes"

deny contains msg if {
	lib.get(input.resource, path, false) != true
	not lib.is_unknown(input.resource, path)
	msg := "nodes get public IP addresses: private_cluster_config.enable_private_nodes is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "enable_private_nodes is not known statically"
}

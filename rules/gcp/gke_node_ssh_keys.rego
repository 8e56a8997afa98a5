# METADATA
# title: GKE nodes refuse project-wide SSH keys
# description: >-
#   SSH keys kept in a project's metadata open every VM of the project,
#   GKE nodes included, to whoever holds one of them. Setting the node
#   metadata key block-project-ssh-keys to "true" limits SSH access to a node
#   to keys given for that node (or OS Login), so a key added for another
#   machine does not reach the cluster. Checked on node pools and on a
#   cluster's default pool, unless the cluster removes that pool.
# custom:
#   id: gcp-gke-node-block-project-ssh-keys
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 8.2.2]
#   remediation: >-
#     In node_config add metadata = { "block-project-ssh-keys" = "true" }
#     (and keep disable-legacy-endpoints = "true").
package attest.rules.gcp.gke_node_block_project_ssh_keys

import data.attest.lib
import data.attest.lib.gcp

path := "node_config.0.metadata.block-project-ssh-keys"

default_pool_removed if {
	input.resource.type == "google_container_cluster"
	lib.get(input.resource, "remove_default_node_pool", false) == true
}

blocked if gcp.on(lib.get(input.resource, path, null))

blocked if default_pool_removed

undetermined if lib.is_unknown(input.resource, path)

undetermined if {
	input.resource.type == "google_container_cluster"
	lib.is_unknown(input.resource, "remove_default_node_pool")
}

deny contains msg if {
	not blocked
	not undetermined
	msg := "nodes accept project-wide SSH keys: node_config.metadata lacks block-project-ssh-keys = \"true\""
}

unknown contains msg if {
	not blocked
	undetermined
	msg := "block-project-ssh-keys (or remove_default_node_pool) is not known statically"
}

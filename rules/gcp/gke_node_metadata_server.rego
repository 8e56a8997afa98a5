# METADATA
# title: GKE nodes hide their metadata server from pods
# description: >-
#   Without the GKE metadata server, every pod can read the node's
#   instance metadata: the node service account's token and the kubelet
#   bootstrap credentials. workload_metadata_config.mode = "GKE_METADATA"
#   puts a filtering server in front and, with Workload Identity, gives
#   each pod its own identity; nodes of a cluster with Workload Identity
#   get it unless their node_config chooses otherwise. Checked on node pools
#   and on a cluster's default pool, unless the cluster removes that pool or
#   runs Autopilot.
# custom:
#   id: gcp-gke-node-metadata-server
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.5, 2.2.6]
#   remediation: >-
#     In node_config add workload_metadata_config { mode = "GKE_METADATA" }.
package attest.rules.gcp.gke_node_metadata_server

import data.attest.lib
import data.attest.lib.gcp

path := "node_config.0.workload_metadata_config.0.mode"

judged if not gcp.default_pool_gone(input.resource)

# Nodes of a cluster with Workload Identity get the GKE metadata server
# unless their node_config says otherwise.
wi(c) if gcp.names_resource(c, "workload_identity_config.0.workload_pool")

wi_undetermined(c) if {
	not wi(c)
	lib.is_unknown(c, "workload_identity_config")
}

clusters contains c if {
	input.resource.type == "google_container_cluster"
	c := input.resource
}

clusters contains c if {
	input.resource.type == "google_container_node_pool"
	some c in lib.resources("google_container_cluster")
	lib.refers_to(input.resource, "cluster", c)
}

mode := lib.get(input.resource, path, null)

mode_text := mode if {
	mode != null
} else := "not set"

protected if mode == "GKE_METADATA"

protected if {
	mode == null
	some c in clusters
	wi(c)
}

undetermined if lib.is_unknown(input.resource, path)

undetermined if gcp.default_pool_unknown(input.resource)

# A pool whose cluster is not in the configuration may inherit the metadata
# server from it.
undetermined if {
	mode == null
	count(clusters) == 0
}

undetermined if {
	mode == null
	some c in clusters
	wi_undetermined(c)
}

deny contains msg if {
	judged
	not protected
	not undetermined
	msg := sprintf("pods can read the node's metadata: workload_metadata_config.mode is %q and the cluster has no Workload Identity", [mode_text])
}

unknown contains msg if {
	judged
	not protected
	undetermined
	msg := "workload_metadata_config.mode, the cluster's Workload Identity or whether the default pool is kept is not known statically"
}

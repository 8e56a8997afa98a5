# METADATA
# title: GKE clusters run Shielded GKE Nodes
# description: >-
#   Shielded GKE Nodes give every node a verifiable identity and boot
#   integrity, so a compromised pod or a stolen bootstrap credential cannot
#   register a rogue node that impersonates a real one and receives the
#   cluster's secrets. The provider turns the feature on by default; this
#   rule fails a cluster that turns it off (enable_shielded_nodes = false).
#   Autopilot clusters are always shielded.
# custom:
#   id: gcp-gke-shielded-nodes
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 8.6.1]
#   remediation: >-
#     Remove enable_shielded_nodes = false from the cluster, or set
#     enable_shielded_nodes = true.
package attest.rules.gcp.gke_shielded_nodes

import data.attest.lib
import data.attest.lib.gcp

deny contains msg if {
	not gcp.autopilot(input.resource)
	not gcp.autopilot_unknown(input.resource)
	lib.get(input.resource, "enable_shielded_nodes", true) == false
	msg := "Shielded GKE Nodes are turned off: enable_shielded_nodes = false"
}

unknown contains msg if {
	not gcp.autopilot(input.resource)
	lib.is_unknown(input.resource, "enable_shielded_nodes")
	msg := "enable_shielded_nodes is not known statically"
}

unknown contains msg if {
	gcp.autopilot_unknown(input.resource)
	lib.get(input.resource, "enable_shielded_nodes", true) == false
	msg := "enable_shielded_nodes is false and whether the cluster runs Autopilot is not known statically"
}

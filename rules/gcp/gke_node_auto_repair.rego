# METADATA
# title: GKE node pools repair unhealthy nodes automatically
# description: >-
#   With auto-repair GKE recreates a node that fails its health checks, so
#   capacity comes back without someone noticing and acting. The provider
#   turns it on by default; this rule fails a node pool that turns it off
#   (management.auto_repair = false).
# custom:
#   id: gcp-gke-node-auto-repair
#   severity: low
#   resource_types: [google_container_node_pool]
#   controls:
#     soc2: [A1.1, A1.2, CC7.5]
#     pci-dss-4.0: [10.7.2]
#   remediation: >-
#     Set management { auto_repair = true } on the node pool (or remove
#     auto_repair = false).
package attest.rules.gcp.gke_node_auto_repair

import data.attest.lib

path := "management.0.auto_repair"

deny contains msg if {
	lib.get(input.resource, path, true) == false
	msg := "failed nodes are not repaired: management.auto_repair = false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "management.auto_repair is not known statically"
}

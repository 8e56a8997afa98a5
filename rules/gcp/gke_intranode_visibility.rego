# METADATA
# title: GKE clusters route pod-to-pod traffic through the VPC
# description: >-
#   Without intranode visibility, traffic between two pods on the same node
#   never leaves the node: VPC flow logs do not record it and firewall rules
#   do not apply to it. Enabling it makes that traffic visible and
#   controlled like any other. Standard clusters have it off by default;
#   Autopilot clusters have it on unless it is turned off.
# custom:
#   id: gcp-gke-intranode-visibility
#   severity: low
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 1.2.5]
#   remediation: >-
#     Set enable_intranode_visibility = true on the cluster.
package attest.rules.gcp.gke_intranode_visibility

import data.attest.lib
import data.attest.lib.gcp

path := "enable_intranode_visibility"

visible if lib.get(input.resource, path, false) == true

visible if {
	gcp.autopilot(input.resource)
	lib.get(input.resource, path, true) != false
}

undetermined if lib.is_unknown(input.resource, path)

undetermined if gcp.autopilot_unknown(input.resource)

deny contains msg if {
	not visible
	not undetermined
	msg := "traffic between pods on one node bypasses flow logs and firewalls: enable_intranode_visibility is not true"
}

unknown contains msg if {
	not visible
	undetermined
	msg := "enable_intranode_visibility (or enable_autopilot) is not known statically"
}

# METADATA
# title: GKE node pools upgrade automatically
# description: >-
#   Auto-upgrade keeps the nodes' Kubernetes version and operating system
#   image in step with the control plane and brings in security patches
#   within GKE's schedule. The provider turns it on by default (and a release
#   channel requires it); this rule fails a node pool that turns it off
#   (management.auto_upgrade = false).
# custom:
#   id: gcp-gke-node-auto-upgrade
#   severity: medium
#   resource_types: [google_container_node_pool]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.3]
#   remediation: >-
#     Set management { auto_upgrade = true } on the node pool (or remove
#     auto_upgrade = false).
package attest.rules.gcp.gke_node_auto_upgrade

import data.attest.lib

path := "management.0.auto_upgrade"

deny contains msg if {
	lib.get(input.resource, path, true) == false
	msg := "nodes are not patched automatically: management.auto_upgrade = false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "management.auto_upgrade is not known statically"
}

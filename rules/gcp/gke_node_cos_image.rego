# METADATA
# title: GKE nodes run Container-Optimized OS
# description: >-
#   Container-Optimized OS is a minimal image that Google hardens and
#   patches for running containers: a read-only root file system, no package
#   manager, verified boot. A general-purpose image (Ubuntu, Windows) brings
#   more services to keep patched and more room for an intruder. Checked on
#   node pools and on a cluster's default pool, unless the cluster removes
#   that pool or runs Autopilot; no image_type means COS_CONTAINERD.
# custom:
#   id: gcp-gke-node-cos-image
#   severity: low
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.8, CC7.1]
#     pci-dss-4.0: [2.2.1, 2.2.4]
#   remediation: >-
#     In node_config set image_type = "COS_CONTAINERD".
package attest.rules.gcp.gke_node_cos_image

import data.attest.lib
import data.attest.lib.gcp

path := "node_config.0.image_type"

judged if not gcp.default_pool_gone(input.resource)

deny contains msg if {
	judged
	not gcp.default_pool_unknown(input.resource)
	image := lib.get(input.resource, path, "COS_CONTAINERD")
	not startswith(upper(image), "COS")
	msg := sprintf("nodes run image_type %q, not Container-Optimized OS", [image])
}

unknown contains msg if {
	judged
	lib.is_unknown(input.resource, path)
	msg := "node_config.image_type is not known statically"
}

unknown contains msg if {
	judged
	gcp.default_pool_unknown(input.resource)
	not startswith(upper(lib.get(input.resource, path, "COS_CONTAINERD")), "COS")
	msg := "remove_default_node_pool or enable_autopilot is not known statically"
}

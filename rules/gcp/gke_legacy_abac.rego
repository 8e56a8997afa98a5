# METADATA
# title: GKE clusters keep legacy ABAC off
# description: >-
#   Legacy attribute-based access control grants broad static permissions
#   outside Kubernetes RBAC (in its old default, every service account could
#   do anything), so RBAC roles no longer bound what a workload can do.
# custom:
#   id: gcp-gke-legacy-abac-disabled
#   severity: high
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: Remove enable_legacy_abac or set it to false, and grant access with RBAC.
package attest.rules.gcp.gke_legacy_abac_disabled

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "enable_legacy_abac", false) == true
	msg := "legacy ABAC is enabled"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "enable_legacy_abac")
	msg := "enable_legacy_abac is not known statically"
}

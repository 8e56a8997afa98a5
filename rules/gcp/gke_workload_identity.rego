# METADATA
# title: GKE clusters use Workload Identity
# description: >-
#   Without Workload Identity, pods reach Google APIs with the node's
#   service account, so every workload on a node shares its permissions and
#   can read the node's metadata server. Workload Identity gives each
#   Kubernetes service account its own Google identity, granted only what
#   that workload needs.
# custom:
#   id: gcp-gke-workload-identity
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2, 7.2.5]
#   remediation: Add workload_identity_config { workload_pool = "PROJECT_ID.svc.id.goog" }.
package attest.rules.gcp.gke_workload_identity

import data.attest.lib
import data.attest.lib.gcp

path := "workload_identity_config.0.workload_pool"

deny contains msg if {
	not gcp.names_resource(input.resource, path)
	not lib.is_unknown(input.resource, path)
	msg := "pods use the node's service account: workload_identity_config.workload_pool is not set"
}

unknown contains msg if {
	not gcp.names_resource(input.resource, path)
	lib.is_unknown(input.resource, path)
	msg := "workload_pool is not known statically"
}

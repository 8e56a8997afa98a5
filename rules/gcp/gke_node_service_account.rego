# METADATA
# title: GKE nodes run as a dedicated service account
# description: >-
#   Nodes without node_config.service_account run as the Compute Engine
#   default service account, which holds the Editor role on the project in
#   most projects: a pod that reaches the node's credentials can then change
#   almost anything. A dedicated account with only the logging, monitoring
#   and registry-read roles limits the damage. Checked on node pools and on
#   a cluster's default pool, unless the cluster removes that pool or runs
#   Autopilot.
# custom:
#   id: gcp-gke-node-service-account
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2, 7.2.5, 2.2.2]
#   remediation: >-
#     In node_config set service_account = google_service_account.nodes.email,
#     an account granted roles/logging.logWriter, roles/monitoring.metricWriter
#     and roles/artifactregistry.reader.
package attest.rules.gcp.gke_node_service_account

import data.attest.lib
import data.attest.lib.gcp

path := "node_config.0.service_account"

judged if not gcp.default_pool_gone(input.resource)

dedicated if {
	gcp.names_resource(input.resource, path)
	not gcp.default_compute_sa(lib.get(input.resource, path, ""))
	lib.get(input.resource, path, "") != "default"
}

undetermined if {
	not gcp.names_resource(input.resource, path)
	lib.is_unknown(input.resource, path)
}

undetermined if gcp.default_pool_unknown(input.resource)

deny contains msg if {
	judged
	not dedicated
	not undetermined
	msg := "nodes run as the Compute Engine default service account: node_config.service_account is not a dedicated account"
}

unknown contains msg if {
	judged
	not dedicated
	undetermined
	msg := "node_config.service_account (or whether the default pool is kept) is not known statically"
}

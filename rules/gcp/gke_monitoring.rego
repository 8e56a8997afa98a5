# METADATA
# title: GKE clusters send their metrics to Cloud Monitoring
# description: >-
#   With monitoring_service = "none" the cluster reports no metrics, so
#   alerts on failing nodes, exhausted capacity or a stopped security agent
#   never fire. The provider's default (monitoring.googleapis.com/kubernetes)
#   passes.
# custom:
#   id: gcp-gke-monitoring
#   severity: low
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC7.2, A1.1]
#     pci-dss-4.0: [10.7.2, 10.7.1]
#   remediation: >-
#     Remove monitoring_service = "none", or set it to
#     "monitoring.googleapis.com/kubernetes".
package attest.rules.gcp.gke_monitoring

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "monitoring_service", "") == "none"
	msg := "cluster monitoring is off: monitoring_service = \"none\""
}

deny contains msg if {
	count(lib.get(input.resource, "monitoring_config", [])) > 0
	not lib.is_unknown(input.resource, "monitoring_config")
	some c in lib.get(input.resource, "monitoring_config", [])
	"enable_components" in object.keys(c)
	count(c.enable_components) == 0
	msg := "monitoring_config enables no component"
}

unknown contains msg if {
	count(deny) == 0
	some path in ["monitoring_service", "monitoring_config"]
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

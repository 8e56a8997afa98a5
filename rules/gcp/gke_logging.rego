# METADATA
# title: GKE clusters send their logs to Cloud Logging
# description: >-
#   With logging_service = "none", or a logging_config that enables no
#   component, the system and workload logs of the cluster are not kept,
#   and an intrusion into a pod or node leaves no record to investigate.
#   The provider's default (logging.googleapis.com/kubernetes) passes.
# custom:
#   id: gcp-gke-logging
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC7.2, CC7.3]
#     pci-dss-4.0: [10.2.1, 10.2.1.2, 10.4.1]
#   remediation: >-
#     Remove logging_service = "none" (or set it to
#     "logging.googleapis.com/kubernetes"), and in logging_config list at
#     least SYSTEM_COMPONENTS and WORKLOADS.
package attest.rules.gcp.gke_logging

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "logging_service", "") == "none"
	msg := "cluster logging is off: logging_service = \"none\""
}

deny contains msg if {
	count(lib.get(input.resource, "logging_config", [])) > 0
	not lib.is_unknown(input.resource, "logging_config")
	count(lib.get(input.resource, "logging_config.0.enable_components", [])) == 0
	msg := "logging_config enables no component"
}

unknown contains msg if {
	count(deny) == 0
	some path in ["logging_service", "logging_config"]
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

# METADATA
# title: GKE clusters enforce network policies
# description: >-
#   Kubernetes NetworkPolicy objects do nothing unless the cluster enforces
#   them: with enforcement off, every pod can reach every other pod, so one
#   compromised workload reaches the databases. GKE enforces them with
#   Dataplane V2 (datapath_provider = "ADVANCED_DATAPATH") or the older
#   Calico add-on (network_policy { enabled = true }).
# custom:
#   id: gcp-gke-network-policy
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.1, 1.3.1]
#   remediation: Set datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2) on new clusters, or network_policy { enabled = true }.
package attest.rules.gcp.gke_network_policy

import data.attest.lib

enforced if lib.get(input.resource, "datapath_provider", "") == "ADVANCED_DATAPATH"

enforced if lib.get(input.resource, "network_policy.0.enabled", false) == true

undetermined if lib.is_unknown(input.resource, "datapath_provider")

undetermined if lib.is_unknown(input.resource, "network_policy")

deny contains msg if {
	not enforced
	not undetermined
	msg := "network policies are not enforced: neither Dataplane V2 nor network_policy is enabled"
}

unknown contains msg if {
	not enforced
	undetermined
	msg := "datapath_provider or network_policy is not known statically"
}

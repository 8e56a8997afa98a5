# METADATA
# title: VPC subnets record flow logs
# description: >-
#   Flow logs record the connections to and from every VM of a subnet: who
#   talked to whom, on which port, and how much. They are the network record
#   an investigation needs and the evidence that segmentation works.
#   Subnets reserved for Google-managed proxies (purpose
#   REGIONAL_MANAGED_PROXY, GLOBAL_MANAGED_PROXY, PRIVATE_SERVICE_CONNECT or
#   the older INTERNAL_HTTPS_LOAD_BALANCER) cannot log flows and are not judged.
# custom:
#   id: gcp-vpc-subnet-flow-logs
#   severity: medium
#   resource_types: [google_compute_subnetwork]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 1.2.5]
#   remediation: Add log_config { aggregation_interval = "INTERVAL_5_SEC", flow_sampling = 0.5, metadata = "INCLUDE_ALL_METADATA" }.
package attest.rules.gcp.vpc_subnet_flow_logs

import data.attest.lib

proxy_only if lib.get(input.resource, "purpose", "PRIVATE") in {
	"REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY",
	"PRIVATE_SERVICE_CONNECT", "INTERNAL_HTTPS_LOAD_BALANCER",
}

logged if count(lib.get(input.resource, "log_config", [])) > 0

deny contains msg if {
	not proxy_only
	not logged
	not lib.is_unknown(input.resource, "log_config")
	not lib.is_unknown(input.resource, "purpose")
	msg := "flow logs are off: the subnet has no log_config"
}

unknown contains msg if {
	not logged
	lib.is_unknown(input.resource, "log_config")
	msg := "log_config is not known statically"
}

unknown contains msg if {
	not logged
	lib.is_unknown(input.resource, "purpose")
	msg := "the subnet's purpose is not known statically"
}

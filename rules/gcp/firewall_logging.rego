# METADATA
# title: VPC firewall rules log the connections they match
# description: >-
#   Firewall Rules Logging records each connection that a rule allows or
#   denies, with addresses, ports and the rule's name: the evidence of who
#   reached what, and of probes that were turned away. It is on when the
#   rule has a log_config block.
# custom:
#   id: gcp-firewall-logging
#   severity: low
#   resource_types: [google_compute_firewall]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 1.2.5]
#   remediation: >-
#     Add log_config { metadata = "INCLUDE_ALL_METADATA" } to the rule.
package attest.rules.gcp.firewall_logging

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "log_config")
	count(lib.get(input.resource, "log_config", [])) == 0
	msg := "connections matched by the rule are not logged: log_config is not set"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "log_config")
	count(lib.get(input.resource, "log_config", [])) == 0
	msg := "log_config is not known statically"
}

# METADATA
# title: VPC firewall rules do not open every port to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 (or ::/0) that allows all protocols, or
#   every TCP or UDP port, exposes whatever listens on the matching VMs:
#   databases, debug endpoints, metrics and services that were meant to stay
#   internal. Allow only the ports a public service answers on, or narrow
#   the sources.
# custom:
#   id: gcp-firewall-no-public-all-ports
#   severity: critical
#   resource_types: [google_compute_firewall]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.5, 1.3.1, 1.4.2]
#   remediation: >-
#     Replace the allow block with the ports the service needs (allow {
#     protocol = "tcp", ports = ["443"] }), or narrow source_ranges.
package attest.rules.gcp.firewall_no_public_all_ports

import data.attest.lib
import data.attest.lib.gcp

deny contains msg if {
	gcp.firewall_public_ingress(input.resource)
	some i, a in lib.get(input.resource, "allow", [])
	gcp.firewall_all_ports(input.resource, i)
	msg := sprintf("every %s port is open to the internet", [object.get(a, "protocol", "")])
}

unknown contains msg if {
	count(deny) == 0
	gcp.firewall_undetermined(input.resource)
	msg := "the rule's sources, ports, direction or state are not known statically"
}

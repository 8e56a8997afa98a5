# METADATA
# title: VPC firewall rules do not open SSH or RDP to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 (or ::/0) that allows port 22 or 3389
#   puts every matching VM's remote administration in front of the whole
#   internet, where it is scanned and brute-forced within minutes. Use
#   Identity-Aware Proxy TCP forwarding (35.235.240.0/20) or a bastion with
#   a narrow source range instead.
# custom:
#   id: gcp-firewall-no-public-admin-ports
#   severity: high
#   resource_types: [google_compute_firewall]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.2, 2.2.7]
#   remediation: >-
#     Narrow source_ranges to the addresses that administer the VMs (for IAP,
#     35.235.240.0/20), or remove port 22/3389 from the allow block.
package attest.rules.gcp.firewall_no_public_admin_ports

import data.attest.lib
import data.attest.lib.gcp

admin_ports := {22, 3389}

deny contains msg if {
	gcp.firewall_public_ingress(input.resource)
	some i, _ in lib.get(input.resource, "allow", [])
	some p in admin_ports
	gcp.firewall_opens(input.resource, i, "tcp", p)
	msg := sprintf("port %d is open to the internet", [p])
}

unknown contains msg if {
	count(deny) == 0
	gcp.firewall_undetermined(input.resource)
	msg := "the rule's sources, ports, direction or state are not known statically"
}

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

admin_ports := {22, 3389}

ingress if lib.get(input.resource, "direction", "INGRESS") == "INGRESS"

enabled if lib.get(input.resource, "disabled", false) != true

public_source if {
	some s in lib.get(input.resource, "source_ranges", [])
	s in {"0.0.0.0/0", "::/0"}
}

# opens(a, p): allow block a lets TCP port p through. No ports means every
# port; a port is a number, a string "22" or a range "20-30".
opens(a, p) if {
	tcp(a)
	count(object.get(a, "ports", [])) == 0
}

opens(a, p) if {
	tcp(a)
	some spec in object.get(a, "ports", [])
	covers(spec, p)
}

tcp(a) if object.get(a, "protocol", "") in {"tcp", "all", "6"}

covers(spec, p) if spec == p

covers(spec, p) if {
	is_string(spec)
	regex.match(`^[0-9]+$`, spec)
	to_number(spec) == p
}

covers(spec, p) if {
	is_string(spec)
	parts := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, spec, 1)[0]
	to_number(parts[1]) <= p
	p <= to_number(parts[2])
}

deny contains msg if {
	not lib.is_unknown(input.resource, "direction")
	not lib.is_unknown(input.resource, "disabled")
	ingress
	enabled
	public_source
	some a in lib.get(input.resource, "allow", [])
	some p in admin_ports
	opens(a, p)
	msg := sprintf("port %d is open to the internet", [p])
}

undetermined if lib.is_unknown(input.resource, "source_ranges")

undetermined if lib.is_unknown(input.resource, "allow")

undetermined if lib.is_unknown(input.resource, "direction")

undetermined if lib.is_unknown(input.resource, "disabled")

unknown contains msg if {
	count(deny) == 0
	undetermined
	msg := "the rule's sources, ports, direction or state are not known statically"
}

# METADATA
# title: VMs do not forward IP packets
# description: >-
#   With can_ip_forward a VM may send packets whose source address is not
#   its own and receive packets meant for other addresses: the network stops
#   checking who is who, and a compromised VM can spoof or route traffic
#   around firewall rules. Only NAT gateways and network appliances need it;
#   record those as exceptions.
# custom:
#   id: gcp-compute-ip-forwarding-off
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.4.3, 1.3.2]
#   remediation: >-
#     Remove can_ip_forward = true (use Cloud NAT rather than a NAT VM).
package attest.rules.gcp.compute_ip_forwarding_off

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "can_ip_forward", false) == true
	msg := "the VM forwards packets that are not its own: can_ip_forward = true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "can_ip_forward")
	msg := "can_ip_forward is not known statically"
}

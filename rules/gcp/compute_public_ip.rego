# METADATA
# title: Compute instances have no external IP address
# description: >-
#   An access_config block on a network interface gives the VM an external
#   IP address, reachable from the internet subject only to firewall rules.
#   VMs behind a load balancer or reached through IAP need none; outbound
#   traffic goes through Cloud NAT. Instances and instance templates alike.
# custom:
#   id: gcp-compute-no-public-ip
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Remove the access_config block from network_interface; use Cloud NAT for egress and IAP or a load balancer for ingress.
package attest.rules.gcp.compute_no_public_ip

import data.attest.lib

deny contains msg if {
	some i, nic in lib.get(input.resource, "network_interface", [])
	count(object.get(nic, "access_config", [])) > 0
	msg := sprintf("network_interface %d has an access_config: the VM gets an external IP address", [i])
}

unknown contains msg if {
	some i, _ in lib.get(input.resource, "network_interface", [])
	lib.is_unknown(input.resource, sprintf("network_interface.%d.access_config", [i]))
	msg := sprintf("whether network_interface %d has an access_config is not known statically", [i])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "network_interface")
	count(lib.get(input.resource, "network_interface", [])) == 0
	msg := "the network interfaces are not known statically"
}

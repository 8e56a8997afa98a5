# METADATA
# title: Projects are created without the default network
# description: >-
#   A new project gets a network called default unless auto_create_network
#   is false. It has a subnet in every region and firewall rules that admit
#   SSH, RDP and ICMP from any address and all traffic between its VMs, so a
#   VM placed on it is exposed before anyone designs its network. Create
#   projects without it and build networks on purpose.
# custom:
#   id: gcp-vpc-no-default-network
#   severity: medium
#   resource_types: [google_project]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.2.1, 1.3.1, 1.4.2]
#   remediation: >-
#     Set auto_create_network = false on the google_project.
package attest.rules.gcp.vpc_no_default_network

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "auto_create_network")
	lib.get(input.resource, "auto_create_network", true) != false
	msg := "the project is created with the default network: auto_create_network is not false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "auto_create_network")
	msg := "auto_create_network is not known statically"
}

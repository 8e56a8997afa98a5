# METADATA
# title: VPC networks define their own subnets
# description: >-
#   An auto mode network (auto_create_subnetworks, true unless set to false)
#   gets a subnet in every region with the same predictable ranges in every
#   project: regions nobody uses are open for VMs, and the ranges overlap
#   those of other auto mode networks, which rules out peering and makes
#   firewall rules by range imprecise. Custom mode networks have only the
#   subnets you declare.
# custom:
#   id: gcp-vpc-custom-subnet-mode
#   severity: low
#   resource_types: [google_compute_network]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.2.1]
#   remediation: >-
#     Set auto_create_subnetworks = false and declare each subnet with
#     google_compute_subnetwork.
package attest.rules.gcp.vpc_custom_subnet_mode

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "auto_create_subnetworks")
	lib.get(input.resource, "auto_create_subnetworks", true) != false
	msg := "the network creates a subnet in every region: auto_create_subnetworks is not false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "auto_create_subnetworks")
	msg := "auto_create_subnetworks is not known statically"
}

# METADATA
# title: GKE control planes accept connections only from authorised networks
# description: >-
#   Without master_authorized_networks_config the cluster's public API
#   endpoint answers any address on the internet, so a leaked kubeconfig or
#   an API server flaw is exploitable from anywhere. Listing the networks
#   that administer the cluster (and not 0.0.0.0/0, nor every Google Cloud
#   address through gcp_public_cidrs_access_enabled) keeps the control plane
#   out of reach of everyone else.
# custom:
#   id: gcp-gke-master-authorized-networks
#   severity: high
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.1, 1.4.2]
#   remediation: >-
#     Add master_authorized_networks_config { cidr_blocks { cidr_block =
#     "203.0.113.0/24", display_name = "admin" } } listing only the admin
#     networks, and leave gcp_public_cidrs_access_enabled unset.
package attest.rules.gcp.gke_master_authorized_networks

import data.attest.lib

block := "master_authorized_networks_config"

deny contains msg if {
	not lib.is_unknown(input.resource, block)
	count(lib.get(input.resource, block, [])) == 0
	msg := "the control plane accepts any address: master_authorized_networks_config is not set"
}

deny contains msg if {
	some c in lib.get(input.resource, "master_authorized_networks_config.0.cidr_blocks", [])
	object.get(c, "cidr_block", "") in {"0.0.0.0/0", "::/0"}
	msg := sprintf("authorized network %s allows any address", [c.cidr_block])
}

deny contains msg if {
	lib.get(input.resource, "master_authorized_networks_config.0.gcp_public_cidrs_access_enabled", false) == true
	msg := "every Google Cloud public address may reach the control plane: gcp_public_cidrs_access_enabled = true"
}

unknown contains msg if {
	count(deny) == 0
	lib.is_unknown(input.resource, block)
	msg := "master_authorized_networks_config is not known statically"
}

# METADATA
# title: Subnets reach Google APIs without public addresses
# description: >-
#   Private Google Access lets VMs without an external IP address call
#   Cloud Storage, BigQuery and the other Google APIs. Without it, VMs that
#   need those APIs get external addresses or a route through a NAT, both of
#   which widen what the internet can reach. Proxy-only and Private Service
#   Connect subnets do not host VMs and are exempt.
# custom:
#   id: gcp-vpc-private-google-access
#   severity: low
#   resource_types: [google_compute_subnetwork]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.3.2, 1.4.4]
#   remediation: >-
#     Set private_ip_google_access = true on the subnet.
package attest.rules.gcp.vpc_private_google_access

import data.attest.lib

vm_subnet if lib.get(input.resource, "purpose", "PRIVATE") == "PRIVATE"

undetermined if lib.is_unknown(input.resource, "purpose")

undetermined if lib.is_unknown(input.resource, "private_ip_google_access")

deny contains msg if {
	vm_subnet
	not undetermined
	lib.get(input.resource, "private_ip_google_access", false) != true
	msg := "VMs without external addresses cannot reach Google APIs: private_ip_google_access is not true"
}

unknown contains msg if {
	undetermined
	lib.get(input.resource, "private_ip_google_access", false) != true
	msg := "private_ip_google_access or the subnet's purpose is not known statically"
}

# METADATA
# title: GKE nodes use Secure Boot and integrity monitoring
# description: >-
#   Secure Boot lets a node start only a kernel and boot loader signed by a
#   trusted party, so a rootkit cannot persist across reboots; integrity
#   monitoring compares each boot with a known-good baseline and reports a
#   change. Secure Boot is off unless node_config.shielded_instance_config
#   turns it on. Checked on node pools and on a cluster's default pool,
#   unless the cluster removes that pool or runs Autopilot (which turns both
#   on).
# custom:
#   id: gcp-gke-node-secure-boot
#   severity: medium
#   resource_types: [google_container_node_pool, google_container_cluster]
#   controls:
#     soc2: [CC6.8, CC7.1]
#     pci-dss-4.0: [2.2.1, 11.5.2]
#   remediation: >-
#     In node_config add shielded_instance_config { enable_secure_boot = true,
#     enable_integrity_monitoring = true }.
package attest.rules.gcp.gke_node_secure_boot

import data.attest.lib
import data.attest.lib.gcp

sic := "node_config.0.shielded_instance_config.0"

secure_boot := concat(".", [sic, "enable_secure_boot"])

integrity := concat(".", [sic, "enable_integrity_monitoring"])

judged if not gcp.default_pool_gone(input.resource)

undetermined if gcp.default_pool_unknown(input.resource)

deny contains msg if {
	judged
	not undetermined
	not lib.is_unknown(input.resource, secure_boot)
	lib.get(input.resource, secure_boot, false) != true
	msg := "nodes boot without Secure Boot: shielded_instance_config.enable_secure_boot is not true"
}

deny contains msg if {
	judged
	not undetermined
	lib.get(input.resource, integrity, true) == false
	msg := "integrity monitoring of node boots is off: enable_integrity_monitoring = false"
}

unknown contains msg if {
	judged
	count(deny) == 0
	some path in [secure_boot, integrity]
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

unknown contains msg if {
	judged
	undetermined
	msg := "remove_default_node_pool or enable_autopilot is not known statically"
}

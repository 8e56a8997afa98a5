# METADATA
# title: VMs run as Shielded VMs with Secure Boot
# description: >-
#   Secure Boot lets a VM start only signed boot loaders and kernels, the
#   virtual TPM seals secrets to a known boot state, and integrity
#   monitoring reports a boot that differs from the baseline: together they
#   stop rootkits and bootkits from persisting unseen. Secure Boot is off
#   unless shielded_instance_config turns it on; the other two are on unless
#   turned off.
# custom:
#   id: gcp-compute-shielded-vm
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.8, CC7.1]
#     pci-dss-4.0: [2.2.1, 11.5.2]
#   remediation: >-
#     Add shielded_instance_config { enable_secure_boot = true, enable_vtpm =
#     true, enable_integrity_monitoring = true } (the image must support
#     Shielded VM).
package attest.rules.gcp.compute_shielded_vm

import data.attest.lib

sic := "shielded_instance_config.0"

deny contains msg if {
	p := concat(".", [sic, "enable_secure_boot"])
	not lib.is_unknown(input.resource, p)
	lib.get(input.resource, p, false) != true
	msg := "the VM boots without Secure Boot: shielded_instance_config.enable_secure_boot is not true"
}

deny contains msg if {
	some f in ["enable_vtpm", "enable_integrity_monitoring"]
	lib.get(input.resource, concat(".", [sic, f]), true) == false
	msg := sprintf("shielded_instance_config.%s is false", [f])
}

unknown contains msg if {
	count(deny) == 0
	lib.is_unknown(input.resource, "shielded_instance_config")
	msg := "shielded_instance_config is not known statically"
}

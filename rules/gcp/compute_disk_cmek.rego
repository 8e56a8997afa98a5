# METADATA
# title: VM disks are encrypted with a key the customer controls
# description: >-
#   Persistent disks are encrypted with Google's keys unless a Cloud KMS key
#   (kms_key_self_link) or a customer-supplied key is given. A key of your
#   own keeps disk contents and their snapshots under a key policy you
#   control, rotate and can revoke. Checked on disks, on the boot disk a VM
#   creates, and on the disks an instance template creates; a VM or template
#   that attaches an existing disk leaves the check to that disk.
# custom:
#   id: gcp-compute-disk-cmek
#   severity: medium
#   resource_types: [google_compute_disk, google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1, 3.5.1.3]
#   remediation: >-
#     On google_compute_disk add disk_encryption_key { kms_key_self_link =
#     google_kms_crypto_key.disks.id }; on a VM set boot_disk {
#     kms_key_self_link = google_kms_crypto_key.disks.id }.
package attest.rules.gcp.compute_disk_cmek

import data.attest.lib
import data.attest.lib.gcp

# keyed(r, prefix): the disk described at prefix has a KMS or a
# customer-supplied key.
keyed(r, prefix) if {
	some k in ["kms_key_self_link", "disk_encryption_key_raw", "disk_encryption_key_rsa"]
	gcp.names_resource(r, concat("", [prefix, k]))
}

keyed(r, prefix) if {
	some k in ["kms_key_self_link", "raw_key", "rsa_encrypted_key", "kms_key_name"]
	gcp.names_resource(r, concat("", [prefix, "disk_encryption_key.0.", k]))
}

# Attaches a disk that exists on its own.
keyed(r, prefix) if gcp.names_resource(r, concat("", [prefix, "source"]))

# disks are the dot prefixes of the disks the resource creates.
disks contains "" if input.resource.type == "google_compute_disk"

disks contains "boot_disk.0." if input.resource.type == "google_compute_instance"

disks contains sprintf("disk.%d.", [i]) if {
	input.resource.type == "google_compute_instance_template"
	some i, _ in lib.get(input.resource, "disk", [])
}

# undetermined(prefix): a key or source of the disk, or the whole block, is
# not known statically.
undetermined(prefix) if {
	some k in ["kms_key_self_link", "disk_encryption_key_raw", "disk_encryption_key_rsa", "disk_encryption_key", "source"]
	lib.is_unknown(input.resource, concat("", [prefix, k]))
}

name(prefix) := "the disk" if prefix == ""

else := trim_suffix(prefix, ".")

deny contains msg if {
	some prefix in disks
	not keyed(input.resource, prefix)
	not undetermined(prefix)
	msg := sprintf("%s uses Google-managed keys", [name(prefix)])
}

unknown contains msg if {
	some prefix in disks
	not keyed(input.resource, prefix)
	undetermined(prefix)
	msg := sprintf("the encryption key or source of %s is not known statically", [name(prefix)])
}

unknown contains msg if {
	input.resource.type == "google_compute_instance_template"
	lib.is_unknown(input.resource, "disk")
	count(lib.get(input.resource, "disk", [])) == 0
	msg := "the template's disks are not known statically"
}

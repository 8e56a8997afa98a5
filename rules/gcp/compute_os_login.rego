# METADATA
# title: OS Login governs SSH access to VMs
# description: >-
#   With OS Login, SSH access to a VM follows IAM: each person logs in with
#   their own Google identity, loses access when their account or role is
#   removed, and can be required to use two-step verification. Without it,
#   access rests on keys pasted into metadata that nobody reviews or expires.
#   A project's common metadata must set enable-oslogin to TRUE; a VM or
#   template fails when it turns OS Login off for itself.
# custom:
#   id: gcp-compute-os-login
#   severity: medium
#   resource_types: [google_compute_project_metadata, google_compute_project_metadata_item, google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.4, 8.2.5]
#   remediation: >-
#     Add google_compute_project_metadata_item { key = "enable-oslogin", value
#     = "TRUE" } and remove enable-oslogin = "FALSE" from VM metadata.
package attest.rules.gcp.compute_os_login

import data.attest.lib
import data.attest.lib.gcp

key := "metadata.enable-oslogin"

# off(v): a metadata value that GCE reads as false.
off(v) if v == false

off(v) if {
	is_string(v)
	lower(v) in {"false", "0"}
}

deny contains msg if {
	input.resource.type == "google_compute_project_metadata"
	not lib.is_unknown(input.resource, key)
	not gcp.on(lib.get(input.resource, key, null))
	msg := "the project's metadata does not set enable-oslogin to TRUE"
}

deny contains msg if {
	input.resource.type == "google_compute_project_metadata_item"
	lib.get(input.resource, "key", "") == "enable-oslogin"
	not lib.is_unknown(input.resource, "value")
	not gcp.on(lib.get(input.resource, "value", null))
	msg := "the project's enable-oslogin metadata is not TRUE"
}

deny contains msg if {
	input.resource.type in {"google_compute_instance", "google_compute_instance_template"}
	off(lib.get(input.resource, key, null))
	msg := "the VM turns OS Login off: metadata enable-oslogin is FALSE"
}

unknown contains msg if {
	input.resource.type != "google_compute_project_metadata_item"
	lib.is_unknown(input.resource, key)
	msg := "metadata enable-oslogin is not known statically"
}

unknown contains msg if {
	input.resource.type == "google_compute_project_metadata_item"
	lib.is_unknown(input.resource, "key")
	msg := "the metadata key is not known statically"
}

unknown contains msg if {
	input.resource.type == "google_compute_project_metadata_item"
	lib.get(input.resource, "key", "") == "enable-oslogin"
	lib.is_unknown(input.resource, "value")
	msg := "the value of enable-oslogin is not known statically"
}

# METADATA
# title: VMs refuse project-wide SSH keys
# description: >-
#   An SSH key in the project's metadata opens every VM of the project to
#   whoever holds it, including VMs the key was never meant for. Setting
#   block-project-ssh-keys to TRUE in a VM's metadata limits access to keys
#   given for that VM; a VM with OS Login on ignores metadata keys and also
#   passes.
# custom:
#   id: gcp-compute-block-project-ssh-keys
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 8.2.2]
#   remediation: >-
#     Add metadata = { block-project-ssh-keys = "TRUE" } to the VM (or
#     enable-oslogin = "TRUE").
package attest.rules.gcp.compute_block_project_ssh_keys

import data.attest.lib
import data.attest.lib.gcp

blocked if gcp.on(lib.get(input.resource, "metadata.block-project-ssh-keys", null))

blocked if gcp.on(lib.get(input.resource, "metadata.enable-oslogin", null))

undetermined if lib.is_unknown(input.resource, "metadata.block-project-ssh-keys")

undetermined if lib.is_unknown(input.resource, "metadata.enable-oslogin")

deny contains msg if {
	not blocked
	not undetermined
	msg := "the VM accepts project-wide SSH keys: metadata block-project-ssh-keys is not TRUE"
}

unknown contains msg if {
	not blocked
	undetermined
	msg := "metadata block-project-ssh-keys or enable-oslogin is not known statically"
}

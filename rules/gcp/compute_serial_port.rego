# METADATA
# title: Compute instances keep the interactive serial console off
# description: >-
#   The interactive serial console accepts connections from any address
#   that holds a project or instance SSH key, bypassing firewall rules, and
#   is not covered by the network controls around the VM. Leave
#   serial-port-enable unset or false, and debug through OS Login and IAP.
# custom:
#   id: gcp-compute-serial-port-disabled
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [2.2.4, 1.4.2]
#   remediation: Remove serial-port-enable from metadata, or set it to "false".
package attest.rules.gcp.compute_serial_port_disabled

import data.attest.lib
import data.attest.lib.gcp

path := "metadata.serial-port-enable"

deny contains msg if {
	gcp.on(lib.get(input.resource, path, null))
	msg := "the interactive serial console is enabled (metadata serial-port-enable)"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "metadata serial-port-enable is not known statically"
}

# METADATA
# title: GKE clusters are enrolled in a release channel
# description: >-
#   A release channel (RAPID, REGULAR, STABLE or EXTENDED) has Google
#   upgrade the control plane and nodes to versions that carry security
#   fixes, on a known schedule. A cluster pinned outside any channel
#   (UNSPECIFIED, or no release_channel written in code) is patched only when
#   someone remembers. Autopilot clusters always follow a channel.
# custom:
#   id: gcp-gke-release-channel
#   severity: low
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.3]
#   remediation: >-
#     Add release_channel { channel = "REGULAR" } (or STABLE).
package attest.rules.gcp.gke_release_channel

import data.attest.lib
import data.attest.lib.gcp

path := "release_channel.0.channel"

enrolled if lib.get(input.resource, path, "") in {"RAPID", "REGULAR", "STABLE", "EXTENDED"}

enrolled if gcp.autopilot(input.resource)

undetermined if lib.is_unknown(input.resource, "release_channel")

undetermined if gcp.autopilot_unknown(input.resource)

deny contains msg if {
	not enrolled
	not undetermined
	msg := sprintf("the cluster follows no release channel (channel %q)", [lib.get(input.resource, path, "not set")])
}

unknown contains msg if {
	not enrolled
	undetermined
	msg := "release_channel (or enable_autopilot) is not known statically"
}

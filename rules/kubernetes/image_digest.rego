# METADATA
# title: Container images are pinned by digest
# description: >-
#   A tag can be moved to another image at any time; only a digest names the
#   exact image that was built, scanned and approved, so that what runs is
#   what the vulnerability reports are about.
# custom:
#   id: k8s-image-digest
#   severity: low
#   benchmark: "Supply chain: pin images by digest"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.8, CC7.1]
#     pci-dss-4.0: [6.3.2]
#   remediation: Reference the image by digest (registry/app@sha256:...), keeping the tag for readers if wanted (app:1.2@sha256:...).
package attest.rules.kubernetes.image_digest

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	image := object.get(x.c, "image", "")
	not regex.match(`@sha256:[0-9a-f]{64}$`, image)
	msg := sprintf("%s runs image %q, not pinned by digest", [k8s.describe(x), image])
}

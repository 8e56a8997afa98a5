# METADATA
# title: Container images name a version, not latest
# description: >-
#   An image without a tag, or tagged latest, is whatever was pushed last: two
#   nodes may run different code under one manifest, a rollback redeploys the
#   new image, and the deployed software is not the one that was reviewed
#   and scanned.
# custom:
#   id: k8s-image-latest
#   severity: medium
#   benchmark: "Kubernetes configuration best practice: pin image versions"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC7.1, CC6.8]
#     pci-dss-4.0: [6.3.2, 2.2.1]
#   remediation: Name a version tag (nginx:1.27.3), or better a digest (nginx@sha256:...).
package attest.rules.kubernetes.image_latest

import data.attest.lib.kubernetes as k8s

# tag is the tag of an image reference without a digest, "" when it has none.
tag(image) := t if {
	not contains(image, "@")
	last := regex.split("/", image)[count(regex.split("/", image)) - 1]
	parts := split(last, ":")
	t := parts[count(parts) - 1]
	count(parts) > 1
} else := ""

deny contains msg if {
	some x in k8s.containers
	image := object.get(x.c, "image", "")
	not contains(image, "@")
	tag(image) in {"", "latest"}
	msg := sprintf("%s runs image %q, which names no version", [k8s.describe(x), image])
}

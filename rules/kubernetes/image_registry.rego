# METADATA
# title: Container images come from an allowed registry
# description: >-
#   Images are third-party software that runs with the workload's data and
#   credentials. Pulling them only from registries the organisation trusts
#   keeps images of unknown publishers off the cluster. The allowed
#   registries are data.attest.config.kubernetes.allowed_registries when a
#   rules folder defines it (see README.md), else the same public registries
#   as docker-base-image-registry. An entry may end in /* to allow one path
#   of a registry (ghcr.io/acme/*).
# custom:
#   id: k8s-image-registry
#   severity: medium
#   benchmark: "CIS Kubernetes 5.5.1 (image provenance)"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Pull the image from an allowed registry (mirror it into your own), or
#     add the registry to data.attest.config.kubernetes.allowed_registries
#     in a rules folder named by rules.dirs in .attest.yaml.
package attest.rules.kubernetes.image_registry

import data.attest.lib.kubernetes as k8s

default_allowed := [
	"docker.io", "ghcr.io", "quay.io", "gcr.io", "*.gcr.io", "*.pkg.dev", "mcr.microsoft.com",
	"public.ecr.aws", "*.dkr.ecr.*.amazonaws.com", "registry.k8s.io", "registry.access.redhat.com",
	"registry.redhat.io", "cgr.dev",
]

allowed := list if {
	list := data.attest.config.kubernetes.allowed_registries
} else := default_allowed

# exact are the entries without wildcards or paths, looked up before any
# glob is matched.
exact := {a | some a in allowed; not contains(a, "*"); not contains(a, "/")}

permitted(reg, _) if exact[reg]

permitted(reg, _) if {
	not exact[reg]
	some a in allowed
	contains(a, "*")
	not contains(a, "/")
	glob.match(a, ["."], reg)
}

permitted(reg, repo) if {
	some a in allowed
	contains(a, "/")
	glob.match(a, [], sprintf("%s/%s", [reg, repo]))
}

deny contains msg if {
	some x in k8s.containers
	image := object.get(x.c, "image", "")
	is_string(image)
	image != ""
	p := k8s.image_parts(image)
	not permitted(p.registry, p.repository)
	msg := sprintf("%s runs image %s from registry %s, which is not allowed", [k8s.describe(x), image, p.registry])
}

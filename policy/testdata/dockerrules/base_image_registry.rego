# METADATA
# title: Dockerfile base images come from an allowed registry
# description: >-
#   Base images are third-party software that runs with the application's
#   data. Pulling them only from registries the organisation trusts (its own
#   mirror, the vendors it chose) keeps unknown publishers out of the image.
#   The allowed registries are data.attest.config.docker.allowed_registries when
#   a rules folder defines it (see rules/README.md), else Docker Hub, GitHub,
#   Quay, Google, Microsoft, Amazon ECR Public, Kubernetes, Red Hat and
#   Chainguard registries and any Amazon ECR private registry. An entry may end
#   in /* to allow one path of a registry (ghcr.io/acme/*). A base image that
#   depends on a build argument without a default is unknown.
# custom:
#   id: ref-docker-base-image-registry
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Pull the base image from an allowed registry (mirror it into your own), or
#     add the registry to data.attest.config.docker.allowed_registries in a
#     rules folder named by rules.dirs in .attest.yaml.
package reference.dockerrules.base_image_registry

import data.reference.dockerlib as docker

default_allowed := [
	"docker.io", "ghcr.io", "quay.io", "gcr.io", "*.gcr.io", "*.pkg.dev", "mcr.microsoft.com",
	"public.ecr.aws", "*.dkr.ecr.*.amazonaws.com", "registry.k8s.io", "registry.access.redhat.com",
	"registry.redhat.io", "cgr.dev",
]

allowed := list if {
	list := data.attest.config.docker.allowed_registries
} else := default_allowed

# permitted(registry, repository) holds when an allowed entry matches the
# registry (glob, * within one name component) or the registry/path prefix.
permitted(reg, _) if {
	some a in allowed
	not contains(a, "/")
	glob.match(a, ["."], reg)
}

permitted(reg, repo) if {
	some a in allowed
	contains(a, "/")
	glob.match(a, [], sprintf("%s/%s", [reg, repo]))
}

deny contains docker.at(sprintf("stage %d's base image %s comes from registry %s, which is not allowed", [i, s.from.image, s.from.registry]), s.instructions[0]) if {
	some i, s in docker.stages
	docker.external(s)
	docker.image_known(i)
	not permitted(s.from.registry, s.from.repository)
}

unknown contains docker.at(sprintf("stage %d's base image %s depends on a build argument without a default", [i, s.from.raw]), s.instructions[0]) if {
	some i, s in docker.stages
	not docker.image_known(i)
}

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
#   id: docker-base-image-registry
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Pull the base image from an allowed registry (mirror it into your own), or
#     add the registry to data.attest.config.docker.allowed_registries in a
#     rules folder named by rules.dirs in .attest.yaml.
package attest.rules.docker.base_image_registry

import data.attest.lib.docker

default_allowed := [
	"docker.io", "ghcr.io", "quay.io", "gcr.io", "*.gcr.io", "*.pkg.dev", "mcr.microsoft.com",
	"public.ecr.aws", "*.dkr.ecr.*.amazonaws.com", "registry.k8s.io", "registry.access.redhat.com",
	"registry.redhat.io", "cgr.dev",
]

allowed := list if {
	list := data.attest.config.docker.allowed_registries
} else := default_allowed

# attest.image_allowed(allowed, registry, repository) holds when an allowed
# entry matches the registry (an entry without /: glob.match(entry, ["."],
# registry), * within one name component) or the registry/path prefix (an
# entry with /: glob.match(entry, [], registry/repository)), trying the
# entries in one call.

deny contains {"msg": sprintf("stage %d's base image %s comes from registry %s, which is not allowed", [i, s.from.image, s.from.registry]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.images
	s := docker.stages[i]
	not attest.image_allowed(allowed, s.from.registry, s.from.repository)
}

unknown contains {"msg": sprintf("stage %d's base image %s depends on a build argument without a default", [i, s.from.raw]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.unknown_images
	s := docker.stages[i]
}

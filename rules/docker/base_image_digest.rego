# METADATA
# title: Dockerfile base images are pinned by digest
# description: >-
#   A tag can be moved to another image at any time, by the publisher or by
#   whoever controls the registry; a digest (image@sha256:...) names exactly one
#   image. Pinning every FROM by digest makes builds reproducible and the
#   third-party components of the image known, and turns an upstream change into
#   a reviewed change of the Dockerfile. Stages built on an earlier stage and
#   FROM scratch are not images. A base image that depends on a build argument
#   without a default is unknown.
# custom:
#   id: docker-base-image-digest
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8, CC8.1]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Add the digest after the tag, FROM node:22-alpine@sha256:<digest> (docker
#     buildx imagetools inspect node:22-alpine prints it), and let a dependency
#     updater such as Renovate or Dependabot propose new digests.
package attest.rules.docker.base_image_digest

import data.attest.lib.docker

deny contains {"msg": sprintf("stage %d's base image %s is not pinned by digest", [i, s.from.image]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.images
	s := docker.stages[i]
	not s.from.digest
}

unknown contains {"msg": sprintf("stage %d's base image %s depends on a build argument without a default", [i, s.from.raw]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.unknown_images
	s := docker.stages[i]
}

# METADATA
# title: Dockerfile base images name a version, not latest
# description: >-
#   FROM image and FROM image:latest take whatever the publisher pushed last, so
#   two builds of the same Dockerfile can ship different operating systems and
#   libraries, and nobody reviewed the change. A base image needs an explicit
#   version tag or a digest. A base image that depends on a build argument
#   without a default is unknown.
# custom:
#   id: docker-base-image-tag
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8, CC8.1]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Name the version you tested, FROM python:3.12-slim, or better pin its
#     digest as well (docker-base-image-digest).
package attest.rules.docker.base_image_tag

import data.attest.lib.docker

deny contains {"msg": sprintf("stage %d's base image %s has no tag: it is whatever latest is at build time", [i, s.from.image]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.images
	s := docker.stages[i]
	not s.from.tag
	not s.from.digest
}

deny contains {"msg": sprintf("stage %d's base image %s uses the latest tag", [i, s.from.image]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.images
	s := docker.stages[i]
	s.from.tag == "latest"
	not s.from.digest
}

unknown contains {"msg": sprintf("stage %d's base image %s depends on a build argument without a default", [i, s.from.raw]), "line": s.instructions[0].line, "end_line": s.instructions[0].end_line} if {
	some i in docker.unknown_images
	s := docker.stages[i]
}

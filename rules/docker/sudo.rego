# METADATA
# title: Dockerfiles do not use sudo
# description: >-
#   sudo in a RUN means the image carries sudo and a user allowed to use it, so
#   whoever runs as that user in the container can become root; its terminal and
#   signal handling also misbehave in builds. A build step that needs root should
#   run as root (USER root) and switch back with a later USER.
# custom:
#   id: docker-sudo
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Drop sudo: put USER root before the RUN and USER <app user> after it, and do
#     not install sudo in the image. If a process needs to switch users at run
#     time, use gosu or su-exec.
package attest.rules.docker.sudo

import data.attest.lib.docker

deny contains {"msg": "RUN uses sudo", "line": ins.line, "end_line": ins.end_line} if {
	some [_, ins] in attest.matching_scripts({"sudo": `(^|[;&|(\s])sudo\s`}, docker.runs)
}

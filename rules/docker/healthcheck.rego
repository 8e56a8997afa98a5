# METADATA
# title: Dockerfiles declare a HEALTHCHECK
# description: >-
#   A HEALTHCHECK in the final stage (or in the stage it is built on) lets
#   Docker, Swarm and ECS tell a running but broken container from a healthy one
#   and replace it, which keeps the service available. HEALTHCHECK NONE turns an
#   inherited check off and fails too. Kubernetes ignores HEALTHCHECK and uses
#   its own probes: waive this rule for images that only run there.
# custom:
#   id: docker-healthcheck
#   severity: low
#   resource_types: [dockerfile]
#   controls:
#     soc2: [A1.2]
#     pci-dss-4.0: [2.2.1]
#   remediation: >-
#     Add a check to the final stage: HEALTHCHECK --interval=30s --timeout=3s CMD
#     wget -qO- http://localhost:8080/healthz || exit 1.
package attest.rules.docker.healthcheck

import data.attest.lib.docker

deny contains {"msg": "the final stage has no HEALTHCHECK", "line": docker.final.line, "end_line": docker.final.line} if {
	not docker.final.healthcheck
}

deny contains {"msg": "the final stage turns its health check off with HEALTHCHECK NONE", "line": docker.final.healthcheck_line, "end_line": docker.final.healthcheck_line} if {
	docker.final.healthcheck == "none"
}

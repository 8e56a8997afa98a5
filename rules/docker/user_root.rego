# METADATA
# title: Containers built from a Dockerfile do not run as root
# description: >-
#   The final stage's last USER decides who the container's processes run as.
#   Without a USER (in the final stage or in the stage it is built on) they run
#   as root, so a flaw in the application gives root inside the container and a
#   shorter path out of it. A USER that is root or uid 0 fails too. A USER that
#   depends on a build argument without a default is unknown.
# custom:
#   id: docker-user-root
#   severity: high
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Create an unprivileged user and switch to it at the end of the final stage:
#     RUN adduser --system --uid 10001 app, then USER 10001 (a numeric uid lets
#     Kubernetes check runAsNonRoot).
package attest.rules.docker.user_root

import data.attest.lib.docker

final_user_unknown if {
	docker.some_unknown
	docker.is_unknown(sprintf("stages.%d.user", [docker.final_index]))
}

deny contains {"msg": "the final stage sets no USER: the container runs as root", "line": docker.final.line, "end_line": docker.final.line} if {
	not docker.final.user_line
}

deny contains {"msg": sprintf("the final stage's last USER is %q: the container runs as root", [u]), "line": docker.final.user_line, "end_line": docker.final.user_line} if {
	u := docker.final.user
	root(u)
}

root(u) if regex.match(`^(root|0|)(:.*)?$`, u)

unknown contains {"msg": "the final stage's USER depends on a build argument without a default", "line": docker.final.user_line, "end_line": docker.final.user_line} if {
	final_user_unknown
}

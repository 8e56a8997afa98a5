# METADATA
# title: Dockerfiles do not expose SSH
# description: >-
#   EXPOSE 22 announces an SSH server in the container: a second way in that
#   needs its own keys, patching and monitoring, beside the orchestrator's exec
#   and logs that already give operators access. A port that depends on a build
#   argument without a default is unknown.
# custom:
#   id: ref-docker-expose-ssh
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [2.2.4, 2.2.5]
#   remediation: >-
#     Remove EXPOSE 22 and the SSH server; reach the container with kubectl exec,
#     docker exec or ECS Exec, which go through the platform's authentication and
#     audit log.
package reference.dockerrules.expose_ssh

import data.reference.dockerlib as docker

ssh(p) if regex.match(`^22(/tcp)?$`, lower(p))

# A range that covers 22 (EXPOSE 20-30).
ssh(p) if {
	[_, lo, hi, _] := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)(/tcp)?$`, lower(p), 1)[0]
	to_number(lo) <= 22
	to_number(hi) >= 22
}

deny contains docker.at(sprintf("stage %d exposes SSH port %s", [i, p]), ins) if {
	some [i, _, ins] in docker.of_kind("expose")
	some p in ins.words
	is_string(p)
	ssh(p)
}

unknown contains docker.at(sprintf("EXPOSE port %d depends on a build argument without a default", [k]), ins) if {
	some [_, _, ins] in docker.of_kind("expose")
	some k, p in ins.words
	p == null
}

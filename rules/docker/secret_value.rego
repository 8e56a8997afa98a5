# METADATA
# title: Dockerfiles hold no credentials in ENV, ARG or LABEL values
# description: >-
#   A value that has the shape of a credential (an AWS access key id, a private
#   key block, a GitHub, GitLab, Slack, Stripe or npm token, a URL with a
#   password) in an ENV, ARG default or LABEL is written into the image and into
#   the repository that holds the Dockerfile. Values are read after ARG and ENV
#   expansion as BuildKit does it, so a secret assembled from parts is found too,
#   and with the build arguments given to the scan (--build-arg). An ENV or
#   LABEL value that depends on a build argument with no known value is
#   unknown.
# custom:
#   id: docker-secret-value
#   severity: critical
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2]
#   remediation: >-
#     Remove the credential from the Dockerfile and rotate it: it is in the
#     repository's history. Give it to the build with RUN
#     --mount=type=secret,id=... and to the container from a secret store at
#     run time.
package attest.rules.docker.secret_value

import data.attest.lib
import data.attest.lib.docker

patterns := lib.secret_patterns

# attest.matching_pairs(patterns, instructions, "value") is [what, ins, p]
# for each pair p of each instruction whose value (object.get(p, "value",
# "")) the pattern of what matches.
deny contains {"msg": sprintf("%s %s holds %s", [upper(ins.cmd), p.key, what]), "line": ins.line, "end_line": ins.end_line} if {
	some [what, ins, p] in attest.matching_pairs(patterns, docker.pair_instructions, "value")
}

deny contains {"msg": sprintf("global ARG %s holds %s", [p.key, what]), "line": p.line, "end_line": p.end_line} if {
	some [what, _, p] in attest.matching_pairs(patterns, docker.global_args, "value")
}

# An ENV or LABEL value built from a build argument that is not known
# statically is written into the image: the credential --build-arg gives
# would be too. With the value given (attest scan --build-arg), it is judged.
unknown contains {"msg": sprintf("%s %s takes its value from a build argument not known statically; it may hold a credential", [upper(ins.cmd), p.key]), "line": ins.line, "end_line": ins.end_line} if {
	docker.some_unknown
	some cmd in ["env", "label"]
	some ins in docker.kind[cmd]
	some k, p in ins.pairs
	not "value" in object.keys(p)
	[i, j] := docker.position(ins)
	docker.is_unknown(sprintf("stages.%d.instructions.%d.pairs.%d.value", [i, j, k]))
}

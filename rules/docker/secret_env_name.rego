# METADATA
# title: Dockerfiles do not pass secrets through ENV or ARG
# description: >-
#   An ENV value is stored in the image configuration, and an ARG value used by
#   a RUN is recorded in the image history: anyone who can pull the image can
#   read them. An ENV or ARG whose name says it holds a password, token, secret
#   or private key (DB_PASSWORD, NPM_TOKEN, CLIENT_SECRET, API_KEY, AWS_SECRET_ACCESS_KEY)
#   therefore puts that secret in the image whatever its value; an ENV set to an
#   empty string is the only exception. Names ending in _FILE (a path to a
#   mounted secret) are not secrets.
# custom:
#   id: docker-secret-env-name
#   severity: high
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2]
#   remediation: >-
#     Pass the secret at build time with a secret mount, which is never stored in
#     the image: RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat
#     /run/secrets/npm_token) npm ci, built with docker build --secret
#     id=npm_token,env=NPM_TOKEN. At run time, give secrets to the container
#     through the orchestrator's secret store, not the image.
package attest.rules.docker.secret_env_name

import data.attest.lib.docker

# secret_names are the shapes of a secret's name: a name ending in one of
# the words, and AWS_SECRET_ACCESS_KEY in any case (what upper(name) ==
# "AWS_SECRET_ACCESS_KEY" accepts: (?i) lets the Kelvin sign stand for K,
# which upper does not, hence [Kk]).
secret_names := {
	"a secret's name": `(?i)(^|_)(PASSWORD|PASSWD|PASS|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|SECRET_?KEY|AUTH)$`,
	"AWS_SECRET_ACCESS_KEY": `^(?i:AWS_SECRET_ACCESS_)[Kk](?i:EY)$`,
}

# secret_pairs is [what, ins, p] for each pair p of each ENV, ARG and LABEL
# instruction ins whose key has the shape what, found in one call per
# Dockerfile for the ENV and ARG rules.
secret_pairs := attest.matching_pairs(secret_names, docker.pair_instructions, "key")

deny contains {"msg": sprintf("ENV %s puts a secret in the image configuration (stage %d)", [p.key, i]), "line": ins.line, "end_line": ins.end_line} if {
	some [_, ins, p] in secret_pairs
	ins.cmd == "env"
	not object.get(p, "value", "unknown") == ""
	[i, _] := docker.position(ins)
}

deny contains {"msg": sprintf("ARG %s passes a secret as a build argument, which the image history records (stage %d)", [p.key, i]), "line": ins.line, "end_line": ins.end_line} if {
	some [_, ins, p] in secret_pairs
	ins.cmd == "arg"
	[i, _] := docker.position(ins)
}

deny contains {"msg": sprintf("global ARG %s passes a secret as a build argument", [p.key]), "line": p.line, "end_line": p.end_line} if {
	some [_, _, p] in attest.matching_pairs(secret_names, docker.global_args, "key")
}

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

secret_name(name) if regex.match(`(?i)(^|_)(PASSWORD|PASSWD|PASS|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|SECRET_?KEY|AUTH)$`, name)

secret_name(name) if upper(name) == "AWS_SECRET_ACCESS_KEY"

deny contains docker.at(sprintf("ENV %s puts a secret in the image configuration (stage %d)", [p.key, i]), ins) if {
	some ins in docker.kind.env
	some p in ins.pairs
	secret_name(p.key)
	not object.get(p, "value", "unknown") == ""
	[i, _] := docker.position(ins)
}

deny contains docker.at(sprintf("ARG %s passes a secret as a build argument, which the image history records (stage %d)", [p.key, i]), ins) if {
	some ins in docker.kind.arg
	some p in ins.pairs
	secret_name(p.key)
	[i, _] := docker.position(ins)
}

deny contains docker.at(sprintf("global ARG %s passes a secret as a build argument", [p.key]), p) if {
	some p in object.get(input.resource.attributes, "args", [])
	secret_name(p.key)
}

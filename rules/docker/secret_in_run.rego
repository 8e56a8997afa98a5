# METADATA
# title: Dockerfile RUN commands hold no credentials
# description: >-
#   A password or token written into a RUN command (a URL with user:password@,
#   curl -u user:password, an npm _authToken written to .npmrc, an
#   AWS_SECRET_ACCESS_KEY=... assignment, docker login -p) is stored in the image
#   history, where docker history shows it, and in the repository.
# custom:
#   id: docker-secret-in-run
#   severity: high
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2]
#   remediation: >-
#     Mount the credential for the one command that needs it: RUN
#     --mount=type=secret,id=token,env=TOKEN curl -H "Authorization: Bearer
#     $TOKEN" ..., built with docker build --secret id=token,env=TOKEN. Rotate
#     the credential: it is in the repository's history.
package attest.rules.docker.secret_in_run

import data.attest.lib.docker

patterns := {
	"a URL with a password": `[a-z][a-z0-9+.-]*://[^/\s:@$]+:[^/\s@$]+@`,
	"curl -u with a password": `\bcurl\b[^;&|\n]*\s(-u|--user)\s*['"]?[^\s:'"$]+:[^\s'"$]+`,
	"an npm auth token": `_auth(Token)?\s*=\s*['"]?[A-Za-z0-9+/=_-]{16,}`,
	"an AWS secret access key": `(?i)aws_secret_access_key\s*=\s*['"]?[A-Za-z0-9/+=]{40}`,
	"an AWS access key id": `(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`,
	"a password on the command line": `\b(docker|podman|helm)\s+(registry\s+)?login\b[^;&|\n]*\s(-p|--password)[\s=]['"]?[^\s'"$-][^\s'"]*`,
	"a private key": `-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
}

deny contains {"msg": sprintf("RUN holds %s", [what]), "line": ins.line, "end_line": ins.end_line} if {
	some [what, ins] in attest.matching_scripts(patterns, docker.runs)
}

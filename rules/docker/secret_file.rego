# METADATA
# title: Dockerfiles do not copy private keys or credential files into images
# description: >-
#   A private key (id_rsa, *.pem, *.key, *.p12) or a credentials file (.npmrc,
#   .pypirc, .netrc, .aws/credentials, .docker/config.json, .git-credentials,
#   .env) that a COPY or ADD puts in a layer stays in the image even when a
#   later RUN deletes it: every layer is kept and can be extracted. Sources are
#   read after expansion; a source that depends on a build argument without a
#   default is unknown.
# custom:
#   id: docker-secret-file
#   severity: critical
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [8.6.2]
#   remediation: >-
#     Do not COPY the file. Mount it for the one RUN that needs it, which keeps
#     it out of every layer: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc
#     npm ci, built with docker build --secret id=npmrc,src=$HOME/.npmrc. For SSH
#     keys use RUN --mount=type=ssh with docker build --ssh default.
package attest.rules.docker.secret_file

import data.attest.lib.docker

# secret_paths are the shapes of a secret file's path: a key or
# credentials file (trailing slashes allowed), a key's extension, a
# credentials file or directory under its usual parent.
secret_paths := {
	"a key or credentials file": `(?i)(^|/)(id_(rsa|dsa|ecdsa|ed25519)|\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.env|credentials\.json|\.htpasswd|\.pgpass|\.s3cfg|\.boto)/*$`,
	"a key's extension": `(?i)\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|asc|gpg)$`,
	"a credentials directory": `(?i)(^|/)(\.aws/credentials|\.docker/config\.json|\.kube/config|\.ssh)(/|$)`,
}

# A public key or certificate is not a secret.
public(p) if regex.match(`(?i)(\.pub|\.crt|\.cer|cert\.pem|chain\.pem|ca\.pem|-ca\.pem|ca-certificates?\.pem)$`, p)

# attest.matching_elements(secret_paths, instructions, "sources") is
# [what, ins, src] for each string source src of each instruction that has
# the shape what.
deny contains {"msg": sprintf("%s copies %s into the image", [upper(ins.cmd), src]), "line": ins.line, "end_line": ins.end_line} if {
	some cmd in ["copy", "add"]
	some [_, ins, src] in attest.matching_elements(secret_paths, docker.kind[cmd], "sources")
	not public(src)
}

unknown contains {"msg": sprintf("%s source %d depends on a build argument without a default", [upper(ins.cmd), k]), "line": ins.line, "end_line": ins.end_line} if {
	docker.some_unknown
	some cmd in ["copy", "add"]
	some ins in docker.kind[cmd]
	some k, src in ins.sources
	src == null
	[i, j] := docker.position(ins)
	docker.is_unknown(sprintf("stages.%d.instructions.%d.sources.%d", [i, j, k]))
}

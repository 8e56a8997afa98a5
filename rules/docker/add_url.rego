# METADATA
# title: Dockerfiles do not ADD files from URLs without a checksum
# description: >-
#   ADD https://... downloads whatever the server returns at build time, with no
#   check that it is the file that was reviewed; a compromised or changed server
#   puts its content in the image. ADD --checksum=sha256:... verifies the
#   download and passes. A git URL without a pinned commit has the same problem.
#   A source that depends on a build argument without a default is unknown.
# custom:
#   id: docker-add-url
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.3.2]
#   remediation: >-
#     Give the expected digest, ADD --checksum=sha256:<digest> https://... /dest,
#     or download in a RUN that verifies it (curl -fsSLo f URL && echo "<sha256>
#     f" | sha256sum -c -). For git sources pin a commit (ADD
#     https://github.com/org/repo.git#<commit> /src).
package attest.rules.docker.add_url

import data.attest.lib.docker

remote(src) if regex.match(`^(?i)(https?|ftp)://`, src)

remote(src) if regex.match(`^(git@|ssh://|git://)`, src)

# A git source pinned to a full commit hash is reproducible.
pinned(src) if regex.match(`#[0-9a-f]{40}(:.*)?$`, src)

deny contains {"msg": sprintf("ADD downloads %s without a checksum", [src]), "line": ins.line, "end_line": ins.end_line} if {
	some ins in docker.kind.add
	some src in ins.sources
	is_string(src)
	remote(src)
	docker.flag(ins, "checksum") == ""
	not pinned(src)
}

unknown contains {"msg": sprintf("ADD source %d depends on a build argument without a default", [k]), "line": ins.line, "end_line": ins.end_line} if {
	some ins in docker.kind.add
	docker.flag(ins, "checksum") == ""
	some k, src in ins.sources
	src == null
}

# METADATA
# title: Dockerfile package installs keep signature checks on
# description: >-
#   apt-get --allow-unauthenticated (or --allow-insecure-repositories,
#   --force-yes), apk --allow-untrusted, yum/dnf/microdnf/tdnf --nogpgcheck,
#   zypper --no-gpg-checks and rpm --nosignature install packages whose origin
#   nobody checked; a mirror or a network in the middle can then put any
#   software in the image.
# custom:
#   id: docker-package-unauthenticated
#   severity: high
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [2.2.1, 6.3.2]
#   remediation: >-
#     Remove the flag and install the repository's signing key instead (apt: a
#     keyring under /etc/apt/keyrings referenced by signed-by=; yum/dnf: rpm
#     --import of the vendor key).
package attest.rules.docker.package_unauthenticated

import data.attest.lib.docker

flags := {
	"apt-get --allow-unauthenticated": `\bapt(-get)?\b[^;&|\n]*\s--allow-unauthenticated\b`,
	"apt-get --allow-insecure-repositories": `\bapt(-get)?\b[^;&|\n]*\s--allow-insecure-repositories\b`,
	"apt-get --force-yes": `\bapt(-get)?\b[^;&|\n]*\s--force-yes\b`,
	"apt AllowUnauthenticated": `APT::Get::AllowUnauthenticated\s*(=|")\s*"?(true|1|yes)`,
	"apk --allow-untrusted": `\bapk\b[^;&|\n]*\s--allow-untrusted\b`,
	"--nogpgcheck": `\b(yum|dnf|microdnf|tdnf)\b[^;&|\n]*\s--nogpgcheck\b`,
	"zypper --no-gpg-checks": `\bzypper\b[^;&|\n]*\s--no-gpg-checks\b`,
	"rpm --nosignature": `\brpm\b[^;&|\n]*\s--no(signature|digest)\b`,
	"gpgcheck=0": `gpgcheck\s*=\s*0`,
}

deny contains {"msg": sprintf("RUN installs packages with %s: their signatures are not checked", [name]), "line": ins.line, "end_line": ins.end_line} if {
	some [name, ins] in attest.matching_scripts(flags, docker.runs)
}

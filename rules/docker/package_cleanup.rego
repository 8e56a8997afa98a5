# METADATA
# title: Dockerfile package installs leave no package cache behind
# description: >-
#   apt-get install without removing /var/lib/apt/lists in the same RUN, apk add
#   without --no-cache (or removing /var/cache/apk), and yum/dnf install without
#   a clean all leave package indexes in the layer: a larger image, and stale
#   metadata that later installs in derived images may trust. Deleting them in a
#   later RUN does not shrink the earlier layer, so the cleanup has to be in the
#   same RUN, or the cache has to be a cache mount (--mount=type=cache).
# custom:
#   id: docker-package-cleanup
#   severity: low
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [2.2.1]
#   remediation: >-
#     End the RUN that installs with the cleanup: apt-get update && apt-get
#     install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*; apk
#     add --no-cache pkg; dnf install -y pkg && dnf clean all. Or mount the cache:
#     RUN --mount=type=cache,target=/var/cache/apt ...
package attest.rules.docker.package_cleanup

import data.attest.lib.docker

cache_mount(ins, dir) if {
	some m in ins.mounts
	m.type == "cache"
	startswith(object.get(m, "target", object.get(m, "dst", object.get(m, "destination", ""))), dir)
}

deny contains {"msg": "RUN apt-get install leaves /var/lib/apt/lists in the layer", "line": ins.line, "end_line": ins.end_line} if {
	some [_, ins] in attest.matching_scripts({"apt-get install": `\bapt(-get)?\s+(-\S+\s+)*install\b`}, docker.runs)
	not regex.match(`rm\s+-(r|f|rf|fr|Rf|fR)\s+[^;&|\n]*/var/lib/apt/lists`, ins.script)
	not cache_mount(ins, "/var/lib/apt")
}

deny contains {"msg": "RUN apk add keeps the package index: use apk add --no-cache", "line": ins.line, "end_line": ins.end_line} if {
	some [_, ins] in attest.matching_scripts({"apk add": `\bapk\s+(-\S+\s+)*add\b`}, docker.runs)
	not regex.match(`\bapk\s+[^;&|\n]*--no-cache\b`, ins.script)
	not regex.match(`rm\s+-\S+\s+[^;&|\n]*/var/cache/apk`, ins.script)
	not cache_mount(ins, "/var/cache/apk")
	not cache_mount(ins, "/etc/apk/cache")
}

# rpm_install maps each rpm package manager to the command that installs
# with it.
rpm_install := {
	"yum": `\byum\s+(-\S+\s+)*install\b`,
	"dnf": `\bdnf\s+(-\S+\s+)*install\b`,
	"microdnf": `\bmicrodnf\s+(-\S+\s+)*install\b`,
	"tdnf": `\btdnf\s+(-\S+\s+)*install\b`,
}

deny contains {"msg": sprintf("RUN %s install leaves its cache in the layer: end it with %s clean all", [pm, pm]), "line": ins.line, "end_line": ins.end_line} if {
	some [pm, ins] in attest.matching_scripts(rpm_install, docker.runs)
	not regex.match(`\b(yum|dnf|microdnf|tdnf)\s+(-\S+\s+)*clean\s+all\b`, ins.script)
	not regex.match(`rm\s+-\S+\s+[^;&|\n]*/var/cache/(yum|dnf)`, ins.script)
	not cache_mount(ins, "/var/cache/yum")
	not cache_mount(ins, "/var/cache/dnf")
}

# METADATA
# title: Dockerfiles do not make files world-writable
# description: >-
#   chmod 777 (or o+w, a+rwx, any mode whose last digit grants write) lets every
#   user in the container, including a compromised unprivileged process, change
#   the files: replace a binary, a script or a configuration that root later
#   runs. COPY --chmod and ADD --chmod with such a mode fail too.
# custom:
#   id: docker-chmod-world-writable
#   severity: medium
#   resource_types: [dockerfile]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Give the files to the user that needs them (COPY --chown=app:app, chown) and
#     keep modes like 755 for directories and 644 for files; use 1777 only for
#     shared temporary directories, which the sticky bit protects.
package attest.rules.docker.chmod_world_writable

import data.attest.lib.docker

# An octal mode whose "others" digit grants write, without the sticky bit.
writable_mode(m) if {
	regex.match(`^0?[0-7]?[0-7][0-7][2367]$`, m)
	not regex.match(`^0?1[0-7]{3}$`, m)
}

mode_re := `\bchmod\s+(-[A-Za-z]+\s+|--[a-z-]+\s+)*([0-7]{3,4}|[ugoa]*[+=][rwxXst]*)\s`

deny contains {"msg": sprintf("RUN chmod %s makes files writable by every user", [mode]), "line": ins.line, "end_line": ins.end_line} if {
	# Only a script with the word chmod can match mode_re.
	some [_, ins] in attest.matching_scripts({"chmod": `\bchmod\b`}, docker.runs)
	some match in regex.find_all_string_submatch_n(mode_re, concat("", [ins.script, " "]), -1)
	mode := match[2]
	world_writable(mode)
}

world_writable(m) if writable_mode(m)

world_writable(m) if regex.match(`^[ugo]*[ao][ugo]*[+=][rxXst]*w`, m)

world_writable(m) if regex.match(`^[+=][rxXst]*w`, m)

deny contains {"msg": sprintf("%s --chmod=%s makes files writable by every user", [upper(ins.cmd), mode]), "line": ins.line, "end_line": ins.end_line} if {
	some cmd in ["copy", "add"]
	some ins in docker.kind[cmd]
	mode := ins.options.chmod
	world_writable(mode)
}

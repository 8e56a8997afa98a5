# The Rego definitions that the built-ins attest.instructions and
# attest.matching replaced (policy/builtins_docker.go): the index of a
# Dockerfile's instructions by kind of rules/lib/docker.rego, and the walk
# over a table of patterns that Dockerfile rules made. They are the reference
# TestDocker_matchRego and FuzzDocker hold the built-ins to.
package reference.docker

stages := object.get(input.resource.attributes, "stages", [])

instructions := [[i, j, ins] |
	some i, s in stages
	some j, ins in s.instructions
]

by_kind[cmd] contains [i, j] if {
	some i, s in stages
	some j, ins in s.instructions
	cmd := ins.cmd
}

of_kind(cmd) := [[i, j, stages[i].instructions[j]] | some [i, j] in object.get(by_kind, cmd, set())]

# of_kinds(cmds) is what a rule walked with
# "some [i, j, ins] in docker.instructions; ins.cmd in cmds".
of_kinds(cmds) := {x |
	some x in instructions
	x[2].cmd in cmds
}

matching(patterns, s) := {what |
	some what, re in patterns
	regex.match(re, s)
}

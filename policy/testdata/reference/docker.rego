# The Rego definitions that the built-ins attest.instructions,
# attest.by_kind, attest.matching and attest.matching_scripts replaced (policy/builtins_docker.go): the index of a
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

# kinds is what a rule read as docker.kind: the instructions of each kind.
kinds := {cmd: [x[2] | some x in of_kind(cmd)] |
	some s in stages
	some ins in s.instructions
	cmd := ins.cmd
}

# matching_scripts(patterns, runs) is what a rule's walk of the RUN
# instructions runs gave, with a regex.match of each pattern on each script.
matching_scripts(patterns, runs) := {[what, ins] |
	some ins in runs
	some what, re in patterns
	regex.match(re, ins.script)
}

# The Rego definitions that the built-ins attest.instructions,
# attest.by_kind, attest.matching, attest.matching_scripts,
# attest.matching_pairs, attest.matching_elements and attest.image_allowed replaced (policy/builtins_docker.go): the index of a
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

# matching_pairs(patterns, instructions, field) is what the secret rules'
# walk of the pairs of ENV, ARG and LABEL instructions gave, with a
# regex.match of each pattern on each pair's field.
matching_pairs(patterns, instructions, field) := {[what, ins, p] |
	some ins in instructions
	some p in ins.pairs
	some what, re in patterns
	regex.match(re, object.get(p, field, ""))
}

# matching_elements(patterns, instructions, field) is what the secret
# file rule's walk of the sources of COPY and ADD gave.
matching_elements(patterns, instructions, field) := {[what, ins, e] |
	some ins in instructions
	some e in ins[field]
	is_string(e)
	some what, re in patterns
	regex.match(re, e)
}

# image_allowed(allowed, reg, repo) is the registry rule's permitted, with
# its split of allowed into registries and paths.
image_allowed(allowed, reg, _) if {
	some a in [a | some a in allowed; not contains(a, "/")]
	glob.match(a, ["."], reg)
}

image_allowed(allowed, reg, repo) if {
	some a in [a | some a in allowed; contains(a, "/")]
	glob.match(a, [], sprintf("%s/%s", [reg, repo]))
}

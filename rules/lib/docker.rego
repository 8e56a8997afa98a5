# Package attest.lib.docker holds the helpers of the Dockerfile rules. A
# Dockerfile is one resource of type dockerfile whose attributes hold its
# stages (see ARCHITECTURE.md, "Dockerfiles"); these helpers walk them and
# build messages that point at one instruction's lines.
package attest.lib.docker

stages := object.get(input.resource.attributes, "stages", [])

# final is the last stage: the image the build produces by default.
final := stages[count(stages) - 1]

final_index := count(stages) - 1

# instructions is [stage index, instruction index, instruction] for every
# instruction of every stage, FROM lines included. It is an array, not a
# set: a set would hash every instruction object to insert it, which costs
# more than the rules that read it.
instructions := [[i, j, ins] |
	some i, s in stages
	some j, ins in s.instructions
]

# by_kind maps each kind of instruction ("run") to the [stage, instruction]
# indexes of its instructions. It is computed once per resource that reads
# it; of_kind does not.
by_kind[cmd] contains [i, j] if {
	some i, s in stages
	some j, ins in s.instructions
	cmd := ins.cmd
}

# of_kind(cmd) is [stage index, instruction index, instruction] for each
# instruction of one kind ("run"), in order. It is the built-in
# attest.instructions (written in Go, as every Dockerfile rule walks the
# instructions of a kind or two), which gives what a comprehension over
# by_kind gave.
of_kind(cmd) := object.get(kind, cmd, [])

# kind maps each kind of instruction ("run") to its instructions, in order:
# one walk of the stages (the built-in attest.by_kind) per resource, which
# rules read as docker.kind.run. It holds the instructions alone: the
# [stage, instruction] indexes of_kind pairs them with cost an array per
# instruction, and rules need them only for the message or the unknown path
# of a finding, where position gives them.
kind := attest.by_kind(stages)

# position(ins) is [stage index, instruction index] of the instruction ins.
position(ins) := [i, j] if {
	some i, s in stages
	some j, x in s.instructions
	x == ins
}

# runs is the RUN instructions. Rules try their patterns on every script in
# one call of the built-in attest.matching_scripts(patterns, docker.runs),
# which gives [key, instruction] for each instruction and each key of
# patterns (an object of regular expressions) whose expression matches the
# instruction's script, where a body would take every RUN in turn.
runs := object.get(kind, "run", [])

# pair_instructions are the ENV, ARG and LABEL instructions, whose pairs
# the secret rules read, in one list per Dockerfile.
pair_instructions := array.concat(
	array.concat(object.get(kind, "env", []), object.get(kind, "arg", [])),
	object.get(kind, "label", []),
)

# global_args is the ARG pairs before the first FROM as the pairs of one
# instruction, for the built-ins that read instructions' pairs
# (attest.matching_pairs).
global_args := [{"pairs": object.get(input.resource.attributes, "args", [])}]

# of_kinds(cmds) is of_kind for every kind in the set cmds ({"copy", "add"}):
# what "some [i, j, ins] in instructions; ins.cmd in cmds" walks, without
# visiting the other instructions.
of_kinds(cmds) := attest.instructions(stages, cmds)

# at(text, ins) is a message about one instruction: the finding points at
# its lines. The rules of rules/docker write the object in their heads
# instead, which saves a function call for every finding.
at(text, ins) := {"msg": text, "line": ins.line, "end_line": ins.end_line}

# at_line(text, line) is a message about one line.
at_line(text, line) := {"msg": text, "line": line, "end_line": line}

# is_unknown(path) holds when the attribute at the dot path (or a part of it)
# depends on a build argument with no default, or on the build platform.
# It calls the built-in that lib.is_unknown is, one function call fewer on
# every stage of every Dockerfile.
is_unknown(path) if attest.is_unknown(input.resource, path)

# external(s) holds when stage s starts from an image rather than from an
# earlier stage or scratch.
external(s) if {
	not s.from.stage
	not s.from.scratch
}

# some_unknown holds when some attribute of the Dockerfile is not known
# statically: is_unknown can hold only then. Most Dockerfiles know
# everything, so rules ask it first rather than ask is_unknown of every
# stage, instruction or pair.
some_unknown if some _ in input.resource.unknown

some_unknown if some _ in input.resource.unknown_parents

# image_known(i) holds when stage i's base image is known statically.
image_known(i) if not is_unknown(sprintf("stages.%d.from.image", [i]))

# images is the index of each stage that starts from an image (external)
# known statically, and unknown_images that of each stage whose base image
# is not known statically: what the base image rules judge, decided once
# per resource for all of them.
# When nothing is unknown, every image is known.
# (external(s) is written out: a function call per stage costs more than
# its two expressions.)
images := [i |
	some i, s in stages
	not s.from.stage
	not s.from.scratch
	image_known(i)
] if {
	some_unknown
} else := [i |
	some i, s in stages
	not s.from.stage
	not s.from.scratch
]

unknown_images := [i |
	some i, _ in stages
	not image_known(i)
] if {
	some_unknown
} else := []

# from_line(s) is the line of the stage's FROM.
from_line(s) := s.line

# word(ins, k) is element k of a COPY/ADD/EXPOSE instruction's words, or
# null when it is not known statically.
word(ins, k) := object.get(ins, ["words", k], null)

# flag(ins, name) is the value of --name=value on an instruction, or "".
flag(ins, name) := object.get(ins, ["options", name], "")

# METADATA
# title: Test lines are kept short
# description: A rule whose messages say which lines they are about.
# custom:
#   id: test-lines
#   severity: low
#   resource_types: [lines]
#   controls:
#     soc2: [CC7.1]
#   remediation: Shorten the lines.
package attest.rules.test.lines

deny contains {"msg": sprintf("line %d is long", [l.n]), "line": l.n, "end_line": l.end} if {
	some l in input.resource.attributes.long
}

deny contains "no line given" if input.resource.attributes.plain

# A line outside the resource keeps the resource's range.
deny contains {"msg": "outside", "line": 99} if input.resource.attributes.outside

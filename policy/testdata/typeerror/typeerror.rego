# METADATA
# title: A rule that parses but does not compile
# custom:
#   id: test-typeerror
#   severity: low
#   resource_types: [test_thing]
#   controls:
#     soc2: [CC6.1]
package acme.typeerror

deny contains msg if {
	msg := concat(",", 1)
}

# Package attest.lib.aws.secrets tells a credential written into
# configuration (an environment variable, a parameter, user data) from a
# value that only says where a credential is kept.
package attest.lib.aws.secrets

import data.attest.lib

# pointer(v) holds when v names where a secret is kept (an ARN, a
# CloudFormation dynamic reference) rather than holding it.
pointer(v) if startswith(v, "arn:")

pointer(v) if startswith(v, "{{resolve:")

# matches(v) is the set of kinds of credential (an AWS access key id, a
# private key, ...) that the string v contains.
matches(v) := {what |
	is_string(v)
	some what, re in lib.secret_patterns
	regex.match(re, v)
}

# credential(name, value) holds when the pair, as written, holds a
# credential in plain text: the value has the shape of one, or the name says
# it is one and the value is a non-empty literal that is not a pointer.
credential(_, value) if count(matches(value)) > 0

credential(name, value) if {
	lib.secret_name(name)
	is_string(value)
	value != ""
	not pointer(value)
}

# why(name, value) says what makes the pair a credential.
why(_, value) := concat(", ", sort([w | some w in matches(value)])) if count(matches(value)) > 0

why(name, value) := "a value for a key named as a credential" if count(matches(value)) == 0

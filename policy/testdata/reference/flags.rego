# The Rego definition of the flags of a public access block that the
# built-in attest.flags replaced (policy/builtins_flags.go): the
# comprehension of rules/lib/aws_s3.rego over the paths of the flags, with
# its _flag and is_true. It is the reference TestFlags_matchRego and
# FuzzFlags hold the built-in to.
package reference

flags(r, paths) := {k: _flag(r, p) | some k, p in paths}

_flag(r, path) := "unknown" if {
	attest.is_unknown(r, path)
} else := true if {
	_is_true(attest.get(r, path, false))
} else := false

_is_true(v) if v == true

_is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

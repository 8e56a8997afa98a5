# The Rego definitions of lib.is_unknown and lib.get that the built-ins
# attest.is_unknown and attest.get replaced (policy/builtins.go). They are
# the reference TestBuiltins_matchRego and FuzzBuiltins hold the built-ins to.
package reference

is_unknown(r, path) if path in r.unknown

is_unknown(r, path) if r.unknown_parents[path]

is_unknown(r, path) if {
	r.unknown
	some i in indexof_n(path, ".")
	substring(path, 0, i) in r.unknown
}

is_unknown(r, path) if {
	not r.unknown_parents
	some u in r.unknown
	startswith(u, concat("", [path, "."]))
}

get(r, path, d) := object.get(r.attributes, _segments(path), d)

_segments(path) := [path] if {
	not contains(path, ".")
	not substring(path, 0, 1) in _digits
} else := split(path, ".") if {
	not regex.match(`(^|\.)[0-9]`, path)
} else := [_segment(s) | some s in split(path, ".")]

_digits := {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

_segment(s) := to_number(s) if {
	substring(s, 0, 1) in _digits
	regex.match(`^[0-9]+$`, s)
} else := s

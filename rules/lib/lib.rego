# Package attest.lib holds the helpers that every rule may use. A rule sees
# its resource as input.resource; these helpers reach the other resources of
# the same root module and take care of values that are not known statically.
package attest.lib

# resources(t) is every resource of type t in the root of input.resource.
resources(t) := object.get(input.index, t, [])

# referrers(t, path) is every resource of type t in the root of
# input.resource whose attribute at path names input.resource: by an
# expression that referred to it, or, for a top-level attribute, by one of its
# literal identifiers (bucket, name, id, arn). The engine indexes these links,
# so a join costs a lookup rather than a scan of every resource of the type.
referrers(t, path) := object.get(input.referrers, [t, path], [])

# conditional_referrers(t, path) are the resources that referrers(t, path)
# would hold but whose existence is not known statically (input.resource's
# conditional: a count or for_each known only at apply time, which may make
# none). A join must not count them as present.
conditional_referrers(t, path) := object.get(input.conditional_referrers, [t, path], [])

# unresolved(t, path) is every resource of type t in the root of
# input.resource whose attribute at path (or below it) is not known
# statically and referred to no resource: a join through it cannot be decided.
unresolved(t, path) := object.get(input.unresolved, [t, path], [])

# is_unknown(r, path) holds when the attribute at the dot path, one of its
# parents or one of its children could not be known statically. It is the
# built-in attest.is_unknown (written in Go, since it runs for most rules on
# most resources), which reads r.unknown and, when the engine gave it,
# r.unknown_parents: the set of the parents of the unknown paths. It holds
# only when true (a failure is not kept by the engine): kept as a value,
# false included, it made the Terraform joins, which ask it about every
# resource they walk, fill the evaluation's cache and run slower.
is_unknown(r, path) if attest.is_unknown(r, path)

# get(r, path, d) is the attribute at the dot path ("versioning.0.enabled"),
# or d when it is absent. A segment that is all digits is a list index. It is
# the built-in attest.get, written in Go for the same reason.
get(r, path, d) := attest.get(r, path, d)

# refers_to(r, path, target) holds when the attribute at path of r names the
# target resource: by an expression that referred to it, or by one of its
# literal identifiers (bucket, name, id, arn, or BucketName in CloudFormation).
refers_to(r, path, target) if {
	some address in object.get(r, ["refs", path], [])
	address == target.address
}

refers_to(r, path, target) if {
	v := get(r, path, null)
	v != null
	some k in ["bucket", "name", "id", "arn", "BucketName"]
	object.get(target.attributes, k, null) == v
}

# block(r, name) is the first nested block of that name, or {} when absent.
# A repeated block (several blocks of one name, as dynamic writes them) gives
# its first: a function must give one value per input.
block(r, name) := b if {
	b := object.get(r.attributes, name, [])[0]
} else := {}

# unknown_value is the string the Terraform loader writes in a rendered policy
# document for one element that is not known statically (an action, a
# resource, a principal, a whole statement, a condition or one of its values).
# A rule that reads a policy must treat it as "could be anything".
unknown_value := "(known after apply)"

# statements(policy) is the list of statements of an IAM policy given as a
# JSON string or an object; a single statement object becomes a list of one.
statements(policy) := s if {
	is_string(policy)
	doc := json.unmarshal(policy)
	s := _as_list(object.get(doc, "Statement", []))
} else := s if {
	is_object(policy)
	s := _as_list(object.get(policy, "Statement", []))
} else := []

_as_list(x) := x if is_array(x)

_as_list(x) := [x] if not is_array(x)

# as_list(x) wraps a single value in a list; a list stays as it is.
as_list(x) := _as_list(x)

# secret_patterns are the shapes of credentials that rules look for in
# values: a match is a credential, whatever the name of its key.
secret_patterns := {
	"an AWS access key id": `(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)`,
	"a private key": `-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	"a GitHub token": `(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}`,
	"a GitLab token": `glpat-[A-Za-z0-9_-]{20}`,
	"a Slack token": `xox[abpr]-[A-Za-z0-9-]{10,}`,
	"a Stripe secret key": `(sk|rk)_live_[A-Za-z0-9]{20,}`,
	"an npm token": `npm_[A-Za-z0-9]{36}`,
	"a URL with a password": `[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@`,
}

# secret_name(name) holds when a key name says its value is a credential
# (DB_PASSWORD, API_KEY, github-token).
secret_name(name) if regex.match(`(?i)(^|[_.-])(PASSWORD|PASSWD|PASS|TOKEN|SECRET|API[_-]?KEY|PRIVATE[_-]?KEY|SECRET[_-]?KEY|ACCESS[_-]?KEY|CREDENTIALS?|AUTH)$`, name)

secret_name(name) if upper(name) == "AWS_SECRET_ACCESS_KEY"

# linked(t, path) is the set of resources of type t in the same root whose
# attribute path names input.resource, by reference or by literal identifier.
linked(t, path) := {c | some c in object.get(input.referrers, [t, path], [])}

# may_link(t, path) holds when some resource of type t might name
# input.resource through path, but the loader could not tell: the attribute
# is unknown and refers to no resource, or it is a literal and the identifier
# of input.resource is unknown, or it names input.resource but may itself not
# exist (a count or for_each known only at apply time).
#
# The first two are a lookup of the first resource of a list of the engine's
# indexes, whose leaves are lists of resources: defined exactly when the list
# is not empty.
may_link(t, path) if input.unresolved[t][path][0]

may_link(t, path) if input.conditional_referrers[t][path][0]

may_link(t, path) if {
	_identifier_unknown
	some c in resources(t)
	count(object.get(c, ["refs", path], [])) == 0
	get(c, path, null) != null
}

# _identifier_unknown holds when one of the literal identifiers of
# input.resource is not known statically. It is a rule of its own, not a
# line of may_link, so that it is decided once per resource rather than once
# per join a rule asks about. may_link asks it first: when the identifiers
# are known (most Terraform resources) the walk over every resource of the
# type is skipped.
_identifier_unknown if {
	some k in ["bucket", "name", "id", "arn", "BucketName"]
	attest.is_unknown(input.resource, k)
}

# internal_address(s) holds when s is an IP address of a range kept for
# internal networks: RFC 1918, the 100.64.0.0/10 shared range, IPv6 unique
# local addresses.
internal_address(s) if {
	a := trim_space(s)
	regex.match(`^[0-9a-fA-F:.]+$`, a)
	some c in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"]
	net.cidr_contains(c, a)
}

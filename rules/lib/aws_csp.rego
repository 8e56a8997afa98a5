# Package attest.lib.aws.csp reads the Content-Security-Policy that a
# CloudFront distribution's cache behaviours send, through the response
# headers policies they name, in either input format. Each behaviour gets
# one of three readings: header (the CSP the browser receives, from a
# policy of the configuration that sets it with override on), missing (why
# it receives none that CloudFront controls) or undecided (a value known
# only at apply time, or a policy the configuration does not declare).
package attest.lib.aws.csp

import data.attest.lib

cfn if input.resource.format == "cloudformation"

_p := {
	"default": "DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId",
	"ordered": "DistributionConfig.CacheBehaviors",
	"ordered_item": "DistributionConfig.CacheBehaviors.%d.ResponseHeadersPolicyId",
	"pattern": "PathPattern",
	"policy_type": "AWS::CloudFront::ResponseHeadersPolicy",
	"csp": "ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy",
	"value": "ContentSecurityPolicy",
	"override": "Override",
} if cfn

_p := {
	"default": "default_cache_behavior.0.response_headers_policy_id",
	"ordered": "ordered_cache_behavior",
	"ordered_item": "ordered_cache_behavior.%d.response_headers_policy_id",
	"pattern": "path_pattern",
	"policy_type": "aws_cloudfront_response_headers_policy",
	"csp": "security_headers_config.0.content_security_policy.0",
	"value": "content_security_policy",
	"override": "override",
} if not cfn

# behaviours maps the name of each cache behaviour to the dot path of its
# response headers policy id.
behaviours["the default cache behaviour"] := _p["default"]

behaviours[name] := sprintf(_p.ordered_item, [i]) if {
	some i, b in lib.get(input.resource, _p.ordered, [])
	is_object(b)
	name := sprintf("the cache behaviour for %v", [object.get(b, _p.pattern, "?")])
}

# ordered_unknown holds when the list of ordered behaviours is not known.
ordered_unknown if _p.ordered in object.get(input.resource, "unknown", [])

_policies(path) := [r |
	some r in lib.resources(_p.policy_type)
	r.address in object.get(input.resource, ["refs", path], [])
]

_csp_path(r, key) := sprintf("%s.%s", [_p.csp, key])

_csp(r) := lib.get(r, _csp_path(r, _p.value), null)

_override(r) if lib.get(r, _csp_path(r, _p.override), false) == true

_override(r) if lower(sprintf("%v", [lib.get(r, _csp_path(r, _p.override), false)])) == "true"

_policy_undecided(r) if lib.is_unknown(r, _csp_path(r, _p.value))

_policy_undecided(r) if lib.is_unknown(r, _csp_path(r, _p.override))

# undecided[name] holds for a behaviour whose CSP cannot be known
# statically.
undecided contains name if {
	some name, path in behaviours
	count(_policies(path)) == 0
	lib.is_unknown(input.resource, path)
}

undecided contains name if {
	some name, path in behaviours
	count(_policies(path)) == 0
	not lib.is_unknown(input.resource, path)
	is_string(lib.get(input.resource, path, null))
}

undecided contains name if {
	some name, path in behaviours
	some r in _policies(path)
	_policy_undecided(r)
}

# missing[name] is why a behaviour sends no CSP that CloudFront controls.
missing[name] := "names no response headers policy" if {
	some name, path in behaviours
	not undecided[name]
	count(_policies(path)) == 0
	lib.get(input.resource, path, null) == null
}

missing[name] := sprintf("uses the response headers policy %s, which sets no Content-Security-Policy", [r.address]) if {
	some name, path in behaviours
	not undecided[name]
	some r in _policies(path)
	not is_string(_csp(r))
}

missing[name] := sprintf("uses the response headers policy %s, whose Content-Security-Policy does not override the origin's", [r.address]) if {
	some name, path in behaviours
	not undecided[name]
	some r in _policies(path)
	is_string(_csp(r))
	not _override(r)
}

# header[name] is the CSP a behaviour sends.
header[name] := _csp(r) if {
	some name, path in behaviours
	not undecided[name]
	some r in _policies(path)
	is_string(_csp(r))
	_override(r)
}

# directives(h) maps each directive name of a CSP, in lower case, to its
# list of sources. A browser obeys the first of two directives of the same
# name, and so does this.
directives(h) := {name: values |
	some i, words in _parts(h)
	name := lower(words[0])
	not _earlier(h, name, i)
	values := array.slice(words, 1, count(words))
}

_parts(h) := [words |
	some part in split(h, ";")
	words := [w | some w in regex.split(`\s+`, trim_space(part)); w != ""]
	count(words) > 0
]

_earlier(h, name, i) if {
	some j, words in _parts(h)
	j < i
	lower(words[0]) == name
}

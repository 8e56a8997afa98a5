# METADATA
# title: CloudFront sends a Content-Security-Policy that limits where scripts come from
# description: >-
#   Card skimmers work by getting one more script onto a payment page: an
#   injected inline block, or a tag that loads code from the attacker's
#   host. A Content-Security-Policy whose script-src (or, without one,
#   default-src) lists the authorised sources makes the browser refuse every
#   other script, and the header itself is the reviewable list of where
#   scripts may come from. Setting it in a CloudFront response headers
#   policy with override on means a compromised or misconfigured origin
#   cannot drop or loosen it. Every cache behaviour of a distribution
#   (default and ordered) must use a response headers policy of the
#   configuration whose CSP overrides the origin's, names script-src or
#   default-src, and allows neither any host (*, http:, https:, data:) nor
#   inline scripts ('unsafe-inline' without a nonce or hash). A policy id
#   given literally (a managed policy, or one declared elsewhere) or known
#   only at apply time makes the verdict unknown. Distributions that serve
#   no web pages (APIs, downloads) can be waived.
# custom:
#   id: aws-cloudfront-csp-scripts
#   severity: medium
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [6.4.3]
#   remediation: >-
#     Attach to every cache behaviour a response headers policy that sets a
#     Content-Security-Policy with override on and a script-src listing only
#     the authorised script sources.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_cloudfront_response_headers_policy" "csp" {
#       security_headers_config { content_security_policy {
#       content_security_policy = "default-src 'self'; script-src 'self'
#       https://js.stripe.com; report-uri https://csp.example.com/report";
#       override = true } } } and response_headers_policy_id =
#       aws_cloudfront_response_headers_policy.csp.id in every cache
#       behaviour.
#     cloudformation: >-
#       Add an AWS::CloudFront::ResponseHeadersPolicy with
#       SecurityHeadersConfig.ContentSecurityPolicy {ContentSecurityPolicy:
#       "default-src 'self'; script-src 'self' https://js.stripe.com",
#       Override: true} and set ResponseHeadersPolicyId: !Ref it in the
#       DefaultCacheBehavior and every CacheBehaviors entry.
package attest.rules.aws.cloudfront_csp_scripts

import data.attest.lib.aws.csp

any_host := {"*", "http:", "https:", "data:", "blob:"}

# sources(h) are the script sources of a CSP: script-src, else default-src.
sources(h) := d["script-src"] if {
	d := csp.directives(h)
	"script-src" in object.keys(d)
} else := d["default-src"] if {
	d := csp.directives(h)
	"default-src" in object.keys(d)
}

# A nonce or a hash makes browsers ignore 'unsafe-inline'.
inline_allowed(src) if {
	"'unsafe-inline'" in {lower(s) | some s in src}
	not pinned(src)
}

pinned(src) if {
	some s in src
	regex.match(`^'(nonce|sha256|sha384|sha512)-`, lower(s))
}

weakness(h) := "names neither script-src nor default-src, so it does not limit scripts" if {
	not sources(h)
} else := sprintf("lets scripts load from any host (%s)", [concat(" ", sort(hosts))]) if {
	hosts := {s | some s in sources(h); lower(s) in any_host}
	count(hosts) > 0
} else := "allows inline scripts ('unsafe-inline' without a nonce or hash)" if {
	inline_allowed(sources(h))
}

deny contains msg if {
	some name, why in csp.missing
	msg := sprintf("%s %s", [name, why])
}

deny contains msg if {
	some name, h in csp.header
	msg := sprintf("the Content-Security-Policy of %s %s", [name, weakness(h)])
}

unknown contains msg if {
	some name in csp.undecided
	msg := sprintf("the response headers policy of %s is not declared in this configuration or not known statically", [name])
}

unknown contains msg if {
	csp.ordered_unknown
	msg := "the ordered cache behaviours are not known statically"
}

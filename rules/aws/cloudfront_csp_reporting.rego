# METADATA
# title: CloudFront's Content-Security-Policy reports violations
# description: >-
#   A script added to a payment page without authorisation, or a change to
#   the page's security headers, should reach someone who can act on it.
#   With a report-uri or report-to directive in its Content-Security-Policy,
#   every browser that refuses a script, a frame or a form target outside
#   the policy sends a report, so an attempted skimmer is seen from the
#   first customer it touches. PCI DSS names CSP violation reports among the
#   mechanisms that detect unauthorised changes to payment pages. Every
#   cache behaviour of a distribution (default and ordered) must use a
#   response headers policy of the configuration whose CSP overrides the
#   origin's and has report-uri or report-to. A policy id given literally or
#   known only at apply time makes the verdict unknown. The reports still
#   need a collector that alerts; distributions that serve no web pages can
#   be waived.
# custom:
#   id: aws-cloudfront-csp-reporting
#   severity: low
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [11.6.1]
#   remediation: >-
#     Add a report-uri (or report-to) directive pointing at a collector that
#     alerts to the Content-Security-Policy of the response headers policy
#     of every cache behaviour.
#   remediation_by_format:
#     terraform: >-
#       In the aws_cloudfront_response_headers_policy, set
#       security_headers_config { content_security_policy {
#       content_security_policy = "default-src 'self'; report-uri
#       https://csp.example.com/report"; override = true } } and name it in
#       every cache behaviour's response_headers_policy_id.
#     cloudformation: >-
#       In the AWS::CloudFront::ResponseHeadersPolicy, add report-uri
#       https://csp.example.com/report to
#       SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy
#       with Override: true, and name it in every cache behaviour's
#       ResponseHeadersPolicyId.
package attest.rules.aws.cloudfront_csp_reporting

import data.attest.lib.aws.csp

reports(h) if {
	some d in ["report-uri", "report-to"]
	count(object.get(csp.directives(h), d, [])) > 0
}

deny contains msg if {
	some name, why in csp.missing
	msg := sprintf("%s %s", [name, why])
}

deny contains msg if {
	some name, h in csp.header
	not reports(h)
	msg := sprintf("the Content-Security-Policy of %s has no report-uri or report-to: violations reach no one", [name])
}

unknown contains msg if {
	some name in csp.undecided
	msg := sprintf("the response headers policy of %s is not declared in this configuration or not known statically", [name])
}

unknown contains msg if {
	csp.ordered_unknown
	msg := "the ordered cache behaviours are not known statically"
}

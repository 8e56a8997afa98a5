# METADATA
# title: Load balancer listeners serve HTTPS or redirect to it
# description: >-
#   A listener on plain HTTP carries requests, cookies and tokens in clear
#   text across the internet. An HTTP listener passes only when its default
#   action redirects to HTTPS; HTTPS, TLS and non-HTTP (TCP, UDP) listeners
#   are not judged here. An absent protocol means HTTP, the default of
#   Application Load Balancers.
# custom:
#   id: aws-lb-https-only
#   severity: high
#   resource_types: [aws_lb_listener, aws_alb_listener, "AWS::ElasticLoadBalancingV2::Listener"]
#   controls:
#     soc2: [CC6.7, CC6.1]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Serve HTTPS on port 443 with a certificate, and give the port 80
#     listener a default_action of type "redirect" with redirect { protocol =
#     "HTTPS" port = "443" status_code = "HTTP_301" }.
#   remediation_by_format:
#     terraform: >-
#       Serve HTTPS on port 443 with a certificate, and give the port 80
#       listener a default_action of type "redirect" with redirect { protocol =
#       "HTTPS" port = "443" status_code = "HTTP_301" }.
#     cloudformation: >-
#       Serve HTTPS on port 443 with a certificate, and give the port 80
#       AWS::ElasticLoadBalancingV2::Listener a DefaultActions entry of Type:
#       redirect with RedirectConfig: {Protocol: HTTPS, Port: "443", StatusCode:
#       HTTP_301}.
package attest.rules.aws.lb_https_only

import data.attest.lib.aws.props

protocol := upper(props.get("protocol", "HTTP"))

# A redirect action: Terraform's default_action blocks with a redirect block,
# CloudFormation's DefaultActions with a RedirectConfig. A redirect that does
# not name a protocol keeps the request's.
redirects if {
	not props.cfn
	some a in props.get("default_action", [])
	a.type == "redirect"
	some r in object.get(a, "redirect", [])
	upper(object.get(r, "protocol", "#{protocol}")) == "HTTPS"
}

redirects if {
	props.cfn
	some a in props.get("default_action", [])
	lower(object.get(a, "Type", "")) == "redirect"
	upper(object.get(object.get(a, "RedirectConfig", {}), "Protocol", "#{protocol}")) == "HTTPS"
}

protocol_unknown if props.is_unknown("protocol")

# Only the action list, an action's type or its redirect matter; a computed
# target group ARN does not.
action_unknown if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^default_action(\.[0-9]+(\.(type|redirect)(\..*)?)?)?$`, u)
}

action_unknown if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^DefaultActions(\.[0-9]+(\.(Type|RedirectConfig)(\..*)?)?)?$`, u)
}

deny contains msg if {
	not protocol_unknown
	protocol == "HTTP"
	not redirects
	not action_unknown
	msg := "the listener serves plain HTTP without redirecting to HTTPS"
}

unknown contains msg if {
	protocol_unknown
	not redirects
	msg := "the listener's protocol is not known statically"
}

unknown contains msg if {
	not protocol_unknown
	protocol == "HTTP"
	not redirects
	action_unknown
	msg := "the listener's default action is not known statically"
}

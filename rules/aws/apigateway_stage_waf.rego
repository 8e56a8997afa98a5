# METADATA
# title: API Gateway REST stages are protected by a web application firewall
# description: >-
#   A public REST API receives injection attempts, credential stuffing and
#   floods like any web application. A REST API stage passes when an AWS WAF
#   web ACL is associated with it (aws_wafv2_web_acl_association, or the
#   older aws_wafregional_web_acl_association, whose resource ARN refers to
#   the stage). HTTP and WebSocket APIs cannot take a web ACL and are not
#   judged here.
# custom:
#   id: aws-apigateway-stage-waf
#   severity: medium
#   resource_types: [aws_api_gateway_stage, "AWS::ApiGateway::Stage"]
#   controls:
#     soc2: [CC6.6, CC6.8]
#     pci-dss-4.0: [6.4.1, 6.4.2]
#   remediation: Associate an AWS WAF web ACL (with the managed common and known-bad-inputs rule groups) with the stage.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_wafv2_web_acl_association with resource_arn =
#       aws_api_gateway_stage.<name>.arn and web_acl_arn set to a REGIONAL
#       aws_wafv2_web_acl.
#     cloudformation: >-
#       Add an AWS::WAFv2::WebACLAssociation whose ResourceArn is the stage's
#       ARN (!Sub "arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}")
#       and whose WebACLArn is a REGIONAL AWS::WAFv2::WebACL.
package attest.rules.aws.apigateway_stage_waf

import data.attest.lib

association_types := ["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"] if input.resource.format != "cloudformation"

association_types := ["AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation"] if input.resource.format == "cloudformation"

path := "resource_arn" if input.resource.format != "cloudformation"

path := "ResourceArn" if input.resource.format == "cloudformation"

protected if {
	some t in association_types
	count(lib.linked(t, path)) > 0
}

undetermined if {
	some t in association_types
	lib.may_link(t, path)
}

deny contains msg if {
	not protected
	not undetermined
	msg := "no WAF web ACL is associated with the stage"
}

unknown contains msg if {
	not protected
	undetermined
	msg := "a WAF web ACL association may name the stage, but its resource ARN is not known statically"
}

# METADATA
# title: CloudFront distributions are protected by a web application firewall
# description: >-
#   A distribution in front of a web application is where injection
#   attempts, bots and floods arrive first. A distribution passes when it
#   names an AWS WAF web ACL (web_acl_id, a CLOUDFRONT-scoped WAFv2 ACL).
# custom:
#   id: aws-cloudfront-waf
#   severity: medium
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC6.6, CC6.8]
#     pci-dss-4.0: [6.4.1, 6.4.2]
#   remediation: Set web_acl_id to a CLOUDFRONT-scoped AWS WAF web ACL.
#   remediation_by_format:
#     terraform: >-
#       Set web_acl_id = aws_wafv2_web_acl.<name>.arn (an ACL with scope =
#       "CLOUDFRONT", created in us-east-1) on the
#       aws_cloudfront_distribution.
#     cloudformation: >-
#       Set DistributionConfig.WebACLId to the ARN of a CLOUDFRONT-scoped
#       AWS::WAFv2::WebACL.
package attest.rules.aws.cloudfront_waf

import data.attest.lib.aws.svc

deny contains msg if {
	not svc.set("web_acl_id")
	not svc.is_unknown("web_acl_id")
	msg := "no WAF web ACL protects the distribution"
}

unknown contains msg if {
	not svc.set("web_acl_id")
	svc.is_unknown("web_acl_id")
	msg := "web_acl_id is not known statically"
}

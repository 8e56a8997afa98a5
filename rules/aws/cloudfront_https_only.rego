# METADATA
# title: CloudFront distributions do not serve viewers over plain HTTP
# description: >-
#   A cache behaviour whose viewer protocol policy is allow-all serves pages,
#   cookies and tokens to viewers over unencrypted HTTP. A distribution
#   passes when its default cache behaviour and every ordered cache behaviour
#   use redirect-to-https or https-only.
# custom:
#   id: aws-cloudfront-https-only
#   severity: high
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Set viewer_protocol_policy = "redirect-to-https" (or "https-only") in every cache behaviour.
#   remediation_by_format:
#     terraform: >-
#       Set viewer_protocol_policy = "redirect-to-https" (or "https-only") in
#       default_cache_behavior and in every ordered_cache_behavior.
#     cloudformation: >-
#       Set ViewerProtocolPolicy: redirect-to-https (or https-only) in
#       DistributionConfig.DefaultCacheBehavior and in every entry of
#       DistributionConfig.CacheBehaviors.
package attest.rules.aws.cloudfront_https_only

import data.attest.lib

cfn if input.resource.format == "cloudformation"

# The paths of the default behaviour and of the list of ordered behaviours,
# per format, and the name of the policy inside a behaviour.
paths := {
	"default": "DistributionConfig.DefaultCacheBehavior",
	"ordered": "DistributionConfig.CacheBehaviors",
	"policy": "ViewerProtocolPolicy",
	"pattern": "PathPattern",
} if cfn

paths := {
	"default": "default_cache_behavior",
	"ordered": "ordered_cache_behavior",
	"policy": "viewer_protocol_policy",
	"pattern": "path_pattern",
} if not cfn

# default_behaviour is the default cache behaviour as an object: Terraform
# gives a block as a list of one.
default_behaviour := b if {
	b := lib.get(input.resource, paths.default, null)
	is_object(b)
} else := b if {
	b := lib.get(input.resource, paths.default, null)[0]
	is_object(b)
}

# plain is the set of behaviours, by name, that allow plain HTTP.
plain contains "the default cache behaviour" if object.get(default_behaviour, paths.policy, null) == "allow-all"

plain contains sprintf("the cache behaviour for %v", [object.get(b, paths.pattern, "?")]) if {
	some b in lib.get(input.resource, paths.ordered, [])
	is_object(b)
	object.get(b, paths.policy, null) == "allow-all"
}

undetermined if lib.is_unknown(input.resource, paths.default)

undetermined if lib.is_unknown(input.resource, paths.ordered)

deny contains msg if {
	some name in plain
	msg := sprintf("%s allows viewers to use HTTP (viewer protocol policy allow-all)", [name])
}

unknown contains msg if {
	count(plain) == 0
	undetermined
	msg := "the viewer protocol policy of a cache behaviour is not known statically"
}

# METADATA
# title: EC2 instances require IMDSv2 tokens
# description: >-
#   Version 1 of the instance metadata service answers any GET request, so a
#   server-side request forgery in an application hands out the instance
#   role's credentials. Requiring IMDSv2 session tokens (http_tokens =
#   "required") blocks that. Instances and launch templates that leave
#   metadata_options out get the account or AMI default, which is often
#   optional, and fail.
# custom:
#   id: aws-ec2-imdsv2
#   severity: medium
#   resource_types: [aws_instance, aws_launch_template, "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Add metadata_options { http_tokens = "required"  http_endpoint =
#     "enabled" } (or http_endpoint = "disabled").
#   remediation_by_format:
#     terraform: >-
#       Add metadata_options { http_tokens = "required"  http_endpoint =
#       "enabled" } (or http_endpoint = "disabled").
#     cloudformation: >-
#       Set MetadataOptions: {HttpTokens: required} on the AWS::EC2::Instance,
#       or in LaunchTemplateData of the AWS::EC2::LaunchTemplate (or
#       HttpEndpoint: disabled).
package attest.rules.aws.ec2_imdsv2

import data.attest.lib.aws.props

tokens := props.get("metadata_options.0.http_tokens", "optional")

disabled if props.get("metadata_options.0.http_endpoint", "enabled") == "disabled"

undetermined if props.is_unknown("metadata_options")

label := props.name("metadata_options.0.http_tokens") if props.cfn

label := "metadata_options.http_tokens" if not props.cfn

deny contains msg if {
	not disabled
	not undetermined
	tokens != "required"
	msg := sprintf("%s is %s, not required", [label, props.get("metadata_options.0.http_tokens", "unset")])
}

unknown contains msg if {
	not disabled
	undetermined
	msg := sprintf("%s is not known statically", [props.name("metadata_options")])
}

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
#   resource_types: [aws_instance, aws_launch_template]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [2.2.6]
#   remediation: Add metadata_options { http_tokens = "required"  http_endpoint = "enabled" } (or http_endpoint = "disabled").
package attest.rules.aws.ec2_imdsv2

import data.attest.lib

opts := lib.block(input.resource, "metadata_options")

disabled if opts.http_endpoint == "disabled"

undetermined if lib.is_unknown(input.resource, "metadata_options")

deny contains msg if {
	not disabled
	not undetermined
	object.get(opts, "http_tokens", "optional") != "required"
	msg := sprintf("metadata_options.http_tokens is %s, not required", [object.get(opts, "http_tokens", "unset")])
}

unknown contains msg if {
	not disabled
	undetermined
	msg := "metadata_options is not known statically"
}

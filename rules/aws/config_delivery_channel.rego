# METADATA
# title: AWS Config recorders have a delivery channel
# description: >-
#   A configuration recorder without a delivery channel keeps no history in
#   S3 and, in CloudFormation, never starts. A recorder fails when its root
#   (template) declares no aws_config_delivery_channel
#   (AWS::Config::DeliveryChannel); a region holds one recorder and one
#   channel, so the channel of the same configuration is the recorder's. One
#   declared under a count or for_each known only at apply time makes the
#   verdict unknown.
# custom:
#   id: aws-config-delivery-channel
#   severity: medium
#   resource_types: [aws_config_configuration_recorder, "AWS::Config::ConfigurationRecorder"]
#   controls:
#     soc2: [CC2.1, CC7.1]
#     pci-dss-4.0: [10.5.1, 12.5.1]
#   remediation: >-
#     Add a delivery channel that writes configuration snapshots and history
#     to an S3 bucket.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_config_delivery_channel" "this" { name = "default";
#       s3_bucket_name = aws_s3_bucket.config.bucket }.
#     cloudformation: >-
#       Add an AWS::Config::DeliveryChannel with S3BucketName.
package attest.rules.aws.config_delivery_channel

import data.attest.lib.aws.governance as gov

channels := gov.in_root(["aws_config_delivery_channel", "AWS::Config::DeliveryChannel"])

present if {
	some c in channels
	not c.conditional
}

deny contains msg if {
	count(channels) == 0
	msg := "no delivery channel is declared with the recorder"
}

unknown contains msg if {
	count(channels) > 0
	not present
	msg := "the delivery channel exists only under a count or for_each known at apply time"
}

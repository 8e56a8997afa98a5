# METADATA
# title: AWS Config recorders are switched on
# description: >-
#   In Terraform a configuration recorder records nothing until an
#   aws_config_configuration_recorder_status with is_enabled = true names
#   it. A recorder fails when no such status resource names it, or the one
#   that does has is_enabled false. A status whose recorder or setting is
#   known only at apply time makes the verdict unknown. (CloudFormation
#   starts the recorder itself once a delivery channel exists, which
#   aws-config-delivery-channel checks.)
# custom:
#   id: aws-config-recorder-enabled
#   severity: high
#   resource_types: [aws_config_configuration_recorder]
#   controls:
#     soc2: [CC2.1, CC3.4, CC7.1, CC8.1]
#     pci-dss-4.0: [10.7.2, 11.5.2, 12.5.1]
#   remediation: >-
#     Add resource "aws_config_configuration_recorder_status" "this" { name =
#     aws_config_configuration_recorder.this.name; is_enabled = true;
#     depends_on = [aws_config_delivery_channel.this] }.
package attest.rules.aws.config_recorder_enabled

import data.attest.lib
import data.attest.lib.aws

statuses := aws.linked("aws_config_configuration_recorder_status", "name")

enabled if {
	some s in statuses
	not lib.is_unknown(s, "is_enabled")
	lib.get(s, "is_enabled", false) == true
}

undetermined if {
	some s in statuses
	lib.is_unknown(s, "is_enabled")
}

undetermined if lib.may_link("aws_config_configuration_recorder_status", "name")

deny contains msg if {
	count(statuses) == 0
	not undetermined
	msg := "no aws_config_configuration_recorder_status starts this recorder"
}

deny contains msg if {
	not enabled
	some s in statuses
	not lib.is_unknown(s, "is_enabled")
	msg := sprintf("%s has is_enabled = false", [s.address])
}

unknown contains msg if {
	not enabled
	undetermined
	msg := "the status of this recorder is not known statically"
}

# METADATA
# title: AWS Config records every supported resource type
# description: >-
#   AWS Config keeps the inventory and configuration history that change
#   reviews and investigations rely on; a recorder limited to a list of types
#   leaves the rest of the account without history. A recorder fails when its
#   recording group sets all_supported to false (Terraform's default is true;
#   CloudFormation's RecordingGroup.AllSupported likewise when the group is
#   absent).
# custom:
#   id: aws-config-recorder-all-resources
#   severity: medium
#   resource_types: [aws_config_configuration_recorder, "AWS::Config::ConfigurationRecorder"]
#   controls:
#     soc2: [CC2.1, CC3.4, CC7.1, CC8.1]
#     pci-dss-4.0: [1.2.8, 11.5.2, 12.5.1]
#   remediation: >-
#     Set all_supported = true in the recorder's recording_group (and
#     include_global_resource_types = true in one region).
#   remediation_by_format:
#     terraform: >-
#       recording_group { all_supported = true; include_global_resource_types
#       = true } on the aws_config_configuration_recorder.
#     cloudformation: >-
#       RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true}
#       on the AWS::Config::ConfigurationRecorder.
package attest.rules.aws.config_recorder_all_resources

import data.attest.lib.aws.governance as gov

deny contains msg if {
	not gov.is_unknown("recording_group.0.all_supported")
	gov.get("recording_group.0.all_supported", true) == false
	msg := sprintf("%s is false: only some resource types are recorded", [gov.name("recording_group.0.all_supported")])
}

unknown contains msg if {
	gov.is_unknown("recording_group.0.all_supported")
	msg := sprintf("%s is not known statically", [gov.name("recording_group.0.all_supported")])
}

# METADATA
# title: CloudTrail validates its log files
# description: >-
#   With log file validation, CloudTrail writes a signed digest file every
#   hour that chains the hashes of the log files it delivered, so that any
#   change to or deletion of a log file can be proven afterwards.
# custom:
#   id: aws-cloudtrail-log-validation
#   severity: medium
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC7.2, PI1.5]
#     pci-dss-4.0: [10.3.2, 10.3.4]
#   remediation: Set enable_log_file_validation = true.
#   remediation_by_format:
#     terraform: >-
#       Set enable_log_file_validation = true.
#     cloudformation: >-
#       Set EnableLogFileValidation: true on the AWS::CloudTrail::Trail.
package attest.rules.aws.cloudtrail_log_validation

import data.attest.lib.aws.props

deny contains msg if {
	not props.is_unknown("enable_log_file_validation")
	props.get("enable_log_file_validation", false) != true
	msg := "enable_log_file_validation is not true"
}

unknown contains msg if {
	props.is_unknown("enable_log_file_validation")
	msg := "enable_log_file_validation is not known statically"
}

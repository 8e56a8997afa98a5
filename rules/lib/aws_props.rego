# Package attest.lib.aws.props reads a setting of input.resource by its
# Terraform attribute path, in whichever input format the resource came
# from: a CloudFormation resource's property is looked up in _names by its
# type. A rule over a single setting (key rotation, log file validation,
# volume encryption, ...) is written once against these helpers.
# CloudFormation values written as strings ("true", "7") mean what they say.
package attest.lib.aws.props

import data.attest.lib

cfn if input.resource.format == "cloudformation"

# _names maps a CloudFormation type to its property paths by Terraform
# attribute path.
_names := {
	"AWS::KMS::Key": {
		"enable_key_rotation": "EnableKeyRotation",
		"customer_master_key_spec": "KeySpec",
		"key_usage": "KeyUsage",
		"rotation_period_in_days": "RotationPeriodInDays",
	},
	"AWS::DynamoDB::Table": {
		"point_in_time_recovery": "PointInTimeRecoverySpecification",
		"point_in_time_recovery.0.enabled": "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
	},
	"AWS::CloudTrail::Trail": {
		"enable_log_file_validation": "EnableLogFileValidation",
		"is_multi_region_trail": "IsMultiRegionTrail",
	},
	"AWS::EC2::Volume": {
		"encrypted": "Encrypted",
		"snapshot_id": "SnapshotId",
	},
	"AWS::Logs::LogGroup": {"retention_in_days": "RetentionInDays"},
}

# name(attr) is the setting's path in the resource's format.
name(attr) := _names[input.resource.type][attr] if cfn

name(attr) := attr if not cfn

# get(attr, d) is the setting, or d when it is absent.
get(attr, d) := _normal(lib.get(input.resource, name(attr), d))

# is_unknown(attr) holds when the setting is not known statically.
is_unknown(attr) if lib.is_unknown(input.resource, name(attr))

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v

# Package attest.lib.aws.props reads a setting of input.resource by its
# Terraform attribute path, in whichever input format the resource came
# from: a CloudFormation resource's property is looked up in _names by its
# type. A rule over a single setting (key rotation, log file validation,
# volume encryption, ...) is written once against these helpers.
# CloudFormation values written as strings ("true", "7") mean what they say.
package attest.lib.aws.props

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
		"server_side_encryption": "SSESpecification",
		"server_side_encryption.0.enabled": "SSESpecification.SSEEnabled",
	},
	"AWS::DynamoDB::GlobalTable": {
		"server_side_encryption": "SSESpecification",
		"server_side_encryption.0.enabled": "SSESpecification.SSEEnabled",
	},
	"AWS::CloudTrail::Trail": {
		"enable_log_file_validation": "EnableLogFileValidation",
		"is_multi_region_trail": "IsMultiRegionTrail",
		"include_global_service_events": "IncludeGlobalServiceEvents",
		"is_organization_trail": "IsOrganizationTrail",
		"kms_key_id": "KMSKeyId",
		"cloud_watch_logs_group_arn": "CloudWatchLogsLogGroupArn",
		"cloud_watch_logs_role_arn": "CloudWatchLogsRoleArn",
	},
	"AWS::GuardDuty::Detector": {"enable": "Enable"},
	"AWS::EC2::Instance": {
		"metadata_options": "MetadataOptions",
		"metadata_options.0.http_tokens": "MetadataOptions.HttpTokens",
		"metadata_options.0.http_endpoint": "MetadataOptions.HttpEndpoint",
	},
	"AWS::EC2::LaunchTemplate": {
		"metadata_options": "LaunchTemplateData.MetadataOptions",
		"metadata_options.0.http_tokens": "LaunchTemplateData.MetadataOptions.HttpTokens",
		"metadata_options.0.http_endpoint": "LaunchTemplateData.MetadataOptions.HttpEndpoint",
	},
	"AWS::EKS::Cluster": {
		"vpc_config": "ResourcesVpcConfig",
		"vpc_config.0.endpoint_public_access": "ResourcesVpcConfig.EndpointPublicAccess",
		"vpc_config.0.public_access_cidrs": "ResourcesVpcConfig.PublicAccessCidrs",
		"encryption_config": "EncryptionConfig",
		"enabled_cluster_log_types": "Logging.ClusterLogging.EnabledTypes",
	},
	"AWS::ECR::Repository": {
		"name": "RepositoryName",
		"image_scanning_configuration": "ImageScanningConfiguration",
		"image_scanning_configuration.0.scan_on_push": "ImageScanningConfiguration.ScanOnPush",
	},
	"AWS::ElasticLoadBalancingV2::LoadBalancer": {
		"load_balancer_type": "Type",
		"access_logs": "LoadBalancerAttributes",
	},
	"AWS::ElasticLoadBalancingV2::Listener": {
		"protocol": "Protocol",
		"ssl_policy": "SslPolicy",
		"default_action": "DefaultActions",
	},
	"AWS::EC2::Volume": {
		"encrypted": "Encrypted",
		"snapshot_id": "SnapshotId",
	},
	"AWS::Logs::LogGroup": {
		"retention_in_days": "RetentionInDays",
		"kms_key_id": "KmsKeyId",
	},
	"AWS::SQS::Queue": {
		"sqs_managed_sse_enabled": "SqsManagedSseEnabled",
		"kms_master_key_id": "KmsMasterKeyId",
	},
	"AWS::SNS::Topic": {"kms_master_key_id": "KmsMasterKeyId"},
	"AWS::ElastiCache::ReplicationGroup": {
		"engine": "Engine",
		"at_rest_encryption_enabled": "AtRestEncryptionEnabled",
		"transit_encryption_enabled": "TransitEncryptionEnabled",
		"transit_encryption_mode": "TransitEncryptionMode",
	},
	"AWS::OpenSearchService::Domain": {
		"encrypt_at_rest": "EncryptionAtRestOptions",
		"encrypt_at_rest.0.enabled": "EncryptionAtRestOptions.Enabled",
		"node_to_node_encryption": "NodeToNodeEncryptionOptions",
		"node_to_node_encryption.0.enabled": "NodeToNodeEncryptionOptions.Enabled",
		"domain_endpoint_options": "DomainEndpointOptions",
		"domain_endpoint_options.0.enforce_https": "DomainEndpointOptions.EnforceHTTPS",
	},
	"AWS::Elasticsearch::Domain": {
		"encrypt_at_rest": "EncryptionAtRestOptions",
		"encrypt_at_rest.0.enabled": "EncryptionAtRestOptions.Enabled",
		"node_to_node_encryption": "NodeToNodeEncryptionOptions",
		"node_to_node_encryption.0.enabled": "NodeToNodeEncryptionOptions.Enabled",
		"domain_endpoint_options": "DomainEndpointOptions",
		"domain_endpoint_options.0.enforce_https": "DomainEndpointOptions.EnforceHTTPS",
	},
	"AWS::EFS::FileSystem": {"encrypted": "Encrypted"},
	"AWS::Lambda::Url": {"authorization_type": "AuthType"},
}

# name(attr) is the setting's path in the resource's format.
# It is the built-in attest.setting_path (written in Go, as every rule over a
# setting calls it on every resource), which looks attr up in _names for a
# CloudFormation resource.
name(attr) := attest.setting_path(input.resource, _names, attr)

# get(attr, d) is the setting, or d when it is absent.
# It is the built-in attest.setting: lib.get at name(attr), with the strings
# "true" and "false" (in any case) and digit strings read as what they say.
get(attr, d) := attest.setting(input.resource, _names, attr, d)

# is_unknown(attr) holds when the setting, a part of it or a setting that
# holds it is not known statically.
is_unknown(attr) := attest.is_unknown(input.resource, attest.setting_path(input.resource, _names, attr))

# unknown_exactly(attr) holds when the setting itself, as a whole, is not
# known statically (a part of it being unknown does not count).
unknown_exactly(attr) if name(attr) in object.get(input.resource, "unknown", [])

# set(attr) holds when the setting is a non-empty value or refers to another
# resource of the configuration (a key or log group given by reference,
# whose identifier exists only after deployment).
set(attr) if get(attr, "") != ""

set(attr) if count(refs(attr)) > 0

# refs(attr) are the addresses the setting referred to.
refs(attr) := object.get(input.resource, ["refs", name(attr)], [])

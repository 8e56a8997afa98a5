# Package attest.lib.aws.svc reads the settings of the AWS data and compute
# services (API Gateway, CloudFront, MemoryDB, MSK, Redshift, DocumentDB,
# Neptune, Lambda, ECS, ...) by their Terraform attribute paths, in whichever
# input format the resource came from: a CloudFormation resource's property
# path is looked up in _names by its type. It works as
# data.attest.lib.aws.props does, over the types that package does not name.
# CloudFormation values written as strings ("true", "7") mean what they say.
package attest.lib.aws.svc

cfn if input.resource.format == "cloudformation"

# _names maps a CloudFormation type to its property paths by Terraform
# attribute path.
_names := {
	"AWS::ApiGateway::Stage": {
		"access_log_settings": "AccessLogSetting",
		"access_log_settings.0.destination_arn": "AccessLogSetting.DestinationArn",
	},
	"AWS::ApiGatewayV2::Stage": {
		"access_log_settings": "AccessLogSettings",
		"access_log_settings.0.destination_arn": "AccessLogSettings.DestinationArn",
	},
	"AWS::ApiGateway::DomainName": {"security_policy": "SecurityPolicy"},
	"AWS::ApiGatewayV2::DomainName": {
		"domain_name_configuration": "DomainNameConfigurations",
		"domain_name_configuration.0.security_policy": "DomainNameConfigurations.0.SecurityPolicy",
	},
	"AWS::ApiGateway::Method": {
		"authorization": "AuthorizationType",
		"http_method": "HttpMethod",
	},
	"AWS::ApiGatewayV2::Route": {
		"authorization_type": "AuthorizationType",
		"route_key": "RouteKey",
		"api_id": "ApiId",
	},
	"AWS::CloudFront::Distribution": {
		"viewer_certificate": "DistributionConfig.ViewerCertificate",
		"viewer_certificate.0.minimum_protocol_version": "DistributionConfig.ViewerCertificate.MinimumProtocolVersion",
		"viewer_certificate.0.cloudfront_default_certificate": "DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate",
		"logging_config": "DistributionConfig.Logging",
		"logging_config.0.bucket": "DistributionConfig.Logging.Bucket",
		"web_acl_id": "DistributionConfig.WebACLId",
		"default_cache_behavior": "DistributionConfig.DefaultCacheBehavior",
		"origin": "DistributionConfig.Origins",
	},
	"AWS::ElastiCache::ReplicationGroup": {
		"engine": "Engine",
		"auth_token": "AuthToken",
		"user_group_ids": "UserGroupIds",
		"transit_encryption_enabled": "TransitEncryptionEnabled",
		"snapshot_retention_limit": "SnapshotRetentionLimit",
	},
	"AWS::ElastiCache::CacheCluster": {
		"engine": "Engine",
		"snapshot_retention_limit": "SnapshotRetentionLimit",
	},
	"AWS::MemoryDB::Cluster": {
		"tls_enabled": "TLSEnabled",
		"acl_name": "ACLName",
	},
	"AWS::OpenSearchService::Domain": {
		"log_publishing_options": "LogPublishingOptions",
		"vpc_options": "VPCOptions",
		"vpc_options.0.subnet_ids": "VPCOptions.SubnetIds",
		"domain_endpoint_options": "DomainEndpointOptions",
		"domain_endpoint_options.0.tls_security_policy": "DomainEndpointOptions.TLSSecurityPolicy",
		"advanced_security_options": "AdvancedSecurityOptions",
		"advanced_security_options.0.enabled": "AdvancedSecurityOptions.Enabled",
	},
	"AWS::Elasticsearch::Domain": {
		"log_publishing_options": "LogPublishingOptions",
		"vpc_options": "VPCOptions",
		"vpc_options.0.subnet_ids": "VPCOptions.SubnetIds",
		"domain_endpoint_options": "DomainEndpointOptions",
		"domain_endpoint_options.0.tls_security_policy": "DomainEndpointOptions.TLSSecurityPolicy",
		"advanced_security_options": "AdvancedSecurityOptions",
		"advanced_security_options.0.enabled": "AdvancedSecurityOptions.Enabled",
	},
	"AWS::SNS::Topic": {"kms_master_key_id": "KmsMasterKeyId"},
	"AWS::SQS::Queue": {
		"kms_master_key_id": "KmsMasterKeyId",
		"sqs_managed_sse_enabled": "SqsManagedSseEnabled",
	},
	"AWS::Kinesis::Stream": {
		"encryption_type": "StreamEncryption.EncryptionType",
		"kms_key_id": "StreamEncryption.KeyId",
	},
	"AWS::KinesisFirehose::DeliveryStream": {
		"server_side_encryption": "DeliveryStreamEncryptionConfigurationInput",
		"server_side_encryption.0.key_type": "DeliveryStreamEncryptionConfigurationInput.KeyType",
		"kinesis_source_configuration": "KinesisStreamSourceConfiguration",
		"msk_source_configuration": "MSKSourceConfiguration",
	},
	"AWS::MSK::Cluster": {
		"encryption_info.0.encryption_in_transit.0.client_broker": "EncryptionInfo.EncryptionInTransit.ClientBroker",
		"encryption_info.0.encryption_in_transit.0.in_cluster": "EncryptionInfo.EncryptionInTransit.InCluster",
		"encryption_info.0.encryption_at_rest_kms_key_arn": "EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
		"logging_info.0.broker_logs": "LoggingInfo.BrokerLogs",
		"broker_node_group_info.0.connectivity_info.0.public_access.0.type": "BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type",
		"client_authentication": "ClientAuthentication",
	},
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

# unknown_matching(pattern) holds when an unknown path of the resource, in
# the resource's own format, matches the regular expression pattern.
unknown_matching(pattern) if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(pattern, u)
}

# set(attr) holds when the setting is a non-empty value or refers to another
# resource of the configuration (whose identifier exists only after
# deployment).
set(attr) if not get(attr, "") in {"", [], {}, null}

set(attr) if count(refs(attr)) > 0

# refs(attr) are the addresses the setting referred to.
refs(attr) := object.get(input.resource, ["refs", name(attr)], [])

# block(attr) is a nested block as an object: Terraform gives a block as a
# list of one, CloudFormation as an object. It is {} when absent.
block(attr) := b if {
	b := get(attr, null)
	is_object(b)
} else := b if {
	b := get(attr, null)[0]
	is_object(b)
} else := {}

# normal(v) is v with "true", "false" and digit strings read as what they
# say, as CloudFormation templates often write them.
normal(v) := _normal(v)

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

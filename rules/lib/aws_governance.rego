# Package attest.lib.aws.governance reads a setting of input.resource by its
# Terraform attribute path in either input format, for the rules over the
# AWS governance and detection services (Config, Security Hub, Macie, WAF,
# Backup, ACM, Route 53, network ACLs): a CloudFormation resource's property
# is looked up in _names by its type. It works as attest.lib.aws.props does,
# over the types those rules read.
package attest.lib.aws.governance

import data.attest.lib
import data.attest.lib.aws.org

_names := {
	"AWS::Config::ConfigurationRecorder": {
		"name": "Name",
		"recording_group": "RecordingGroup",
		"recording_group.0.all_supported": "RecordingGroup.AllSupported",
		"recording_group.0.include_global_resource_types": "RecordingGroup.IncludeGlobalResourceTypes",
	},
	"AWS::Config::ConfigurationAggregator": {
		"account_aggregation_source": "AccountAggregationSources",
		"organization_aggregation_source": "OrganizationAggregationSource",
		"organization_aggregation_source.0.all_regions": "OrganizationAggregationSource.AllAwsRegions",
	},
	"AWS::SecurityHub::Hub": {"enable_default_standards": "EnableDefaultStandards"},
	"AWS::Macie::Session": {"status": "Status"},
	"AWS::WAFv2::WebACL": {"rule": "Rules"},
	"AWS::Backup::BackupVault": {
		"kms_key_arn": "EncryptionKeyArn",
		"name": "BackupVaultName",
	},
	"AWS::CertificateManager::Certificate": {"validation_method": "ValidationMethod"},
	"AWS::EC2::NetworkAclEntry": {
		"egress": "Egress",
		"rule_action": "RuleAction",
		"cidr_block": "CidrBlock",
		"ipv6_cidr_block": "Ipv6CidrBlock",
		"protocol": "Protocol",
		"from_port": "PortRange.From",
		"to_port": "PortRange.To",
	},
}

cfn if input.resource.format == "cloudformation"

# name(attr) is the setting's path in the resource's format.
name(attr) := _names[input.resource.type][attr] if cfn

name(attr) := attr if not cfn

# get(attr, d) is the setting, or d when it is absent; CloudFormation
# strings "true" and "false" are booleans.
get(attr, d) := org.normal(lib.get(input.resource, name(attr), d))

# is_unknown(attr) holds when the setting, a part of it or a setting that
# holds it is not known statically.
is_unknown(attr) if lib.is_unknown(input.resource, name(attr))

# set(attr) holds when the setting is a non-empty value or refers to another
# resource (a key given by reference).
set(attr) if {
	v := get(attr, "")
	v != ""
	v != null
}

set(attr) if count(object.get(input.resource, ["refs", name(attr)], [])) > 0

# in_root(types) are the resources of those types in input.resource's root.
in_root(types) := [r | some t in types; some r in lib.resources(t)]

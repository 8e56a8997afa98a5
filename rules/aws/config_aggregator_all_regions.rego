# METADATA
# title: AWS Config aggregators collect every region
# description: >-
#   An aggregator gathers the configuration and compliance data of many
#   accounts and regions into one view; one limited to a list of regions
#   misses resources created anywhere else, which is where unsanctioned
#   resources tend to be. An aggregator fails when its account or organisation
#   source does not set all_regions (AllAwsRegions) to true.
# custom:
#   id: aws-config-aggregator-all-regions
#   severity: medium
#   resource_types: [aws_config_configuration_aggregator, "AWS::Config::ConfigurationAggregator"]
#   controls:
#     soc2: [CC2.1, CC7.1]
#     pci-dss-4.0: [12.5.1]
#   remediation: >-
#     Set all_regions = true in the aggregator's organization_aggregation_source
#     (or account_aggregation_source).
#   remediation_by_format:
#     terraform: >-
#       organization_aggregation_source { all_regions = true; role_arn =
#       aws_iam_role.config.arn } on the aws_config_configuration_aggregator.
#     cloudformation: >-
#       OrganizationAggregationSource: {AllAwsRegions: true, RoleArn: ...} on
#       the AWS::Config::ConfigurationAggregator.
package attest.rules.aws.config_aggregator_all_regions

import data.attest.lib
import data.attest.lib.aws.governance as gov

# sources holds [path, source] for each aggregation source, with the key of
# its all-regions flag.
sources contains [sprintf("organization_aggregation_source.%d", [i]), s, "all_regions"] if {
	not gov.cfn
	some i, s in lib.get(input.resource, "organization_aggregation_source", [])
}

sources contains [sprintf("account_aggregation_source.%d", [i]), s, "all_regions"] if {
	not gov.cfn
	some i, s in lib.get(input.resource, "account_aggregation_source", [])
}

sources contains ["OrganizationAggregationSource", s, "AllAwsRegions"] if {
	gov.cfn
	s := lib.get(input.resource, "OrganizationAggregationSource", null)
	is_object(s)
}

sources contains [sprintf("AccountAggregationSources.%d", [i]), s, "AllAwsRegions"] if {
	gov.cfn
	some i, s in lib.get(input.resource, "AccountAggregationSources", [])
}

flag_path(path, key) := concat(".", [path, key])

deny contains msg if {
	some [path, s, key] in sources
	is_object(s)
	not lib.is_unknown(input.resource, flag_path(path, key))
	org_normal(object.get(s, key, false)) != true
	msg := sprintf("%s is not true: only some regions are aggregated", [flag_path(path, key)])
}

org_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := v

unknown contains msg if {
	some [path, _, key] in sources
	lib.is_unknown(input.resource, flag_path(path, key))
	msg := sprintf("%s is not known statically", [flag_path(path, key)])
}

unknown contains msg if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^(organization_aggregation_source|account_aggregation_source|OrganizationAggregationSource|AccountAggregationSources)(\.[0-9]+)?$`, u)
	msg := sprintf("%s is not known statically", [u])
}

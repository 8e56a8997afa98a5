# METADATA
# title: RDS Performance Insights data is encrypted with a customer managed key
# description: >-
#   Performance Insights keeps the text of the database's top queries,
#   literals included, for days to years; without a key of your own it is
#   encrypted with the AWS managed aws/rds key, which any principal of the
#   account allowed to use RDS can use. A database with Performance
#   Insights on passes when it names a customer managed key for it; one
#   with Performance Insights off is not judged.
# custom:
#   id: aws-rds-performance-insights-cmk
#   severity: low
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, aws_rds_cluster, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1, 3.6.1]
#   remediation: Set performance_insights_kms_key_id to a customer managed KMS key (this must be chosen when Performance Insights is first enabled).
#   remediation_by_format:
#     terraform: >-
#       Set performance_insights_kms_key_id = aws_kms_key.<name>.arn alongside
#       performance_insights_enabled = true.
#     cloudformation: >-
#       Set PerformanceInsightsKMSKeyId (AWS::RDS::DBInstance) or
#       PerformanceInsightsKmsKeyId (AWS::RDS::DBCluster) to a customer
#       managed key.
package attest.rules.aws.rds_performance_insights_cmk

import data.attest.lib
import data.attest.lib.aws.svc

names := {
	"AWS::RDS::DBInstance": ["EnablePerformanceInsights", "PerformanceInsightsKMSKeyId"],
	"AWS::RDS::DBCluster": ["PerformanceInsightsEnabled", "PerformanceInsightsKmsKeyId"],
}

attrs := names[input.resource.type] if svc.cfn

attrs := ["performance_insights_enabled", "performance_insights_kms_key_id"] if not svc.cfn

enabled_attr := attrs[0]

key_attr := attrs[1]

enabled if svc.normal(lib.get(input.resource, enabled_attr, false)) == true

key_set if lib.get(input.resource, key_attr, "") != ""

key_set if count(object.get(input.resource, ["refs", key_attr], [])) > 0

deny contains msg if {
	enabled
	not key_set
	not lib.is_unknown(input.resource, key_attr)
	msg := "Performance Insights data is encrypted with the AWS managed key, not a customer managed key"
}

unknown contains msg if {
	not key_set
	lib.is_unknown(input.resource, enabled_attr)
	msg := "whether Performance Insights is enabled is not known statically"
}

unknown contains msg if {
	enabled
	not key_set
	lib.is_unknown(input.resource, key_attr)
	msg := "the Performance Insights KMS key is not known statically"
}

# METADATA
# title: CloudFront distributions write access logs
# description: >-
#   CloudFront answers requests at the edge, so the origin's own logs never
#   see cached responses, blocked requests or the viewer's address. A
#   distribution passes when it has standard logging to an S3 bucket
#   (logging_config) or a CloudWatch log delivery source for its access logs.
# custom:
#   id: aws-cloudfront-access-logging
#   severity: medium
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.4]
#   remediation: Add logging_config with a log bucket, or a CloudWatch log delivery source for the distribution's ACCESS_LOGS.
#   remediation_by_format:
#     terraform: >-
#       Add logging_config { bucket = aws_s3_bucket.<logs>.bucket_domain_name }
#       to the aws_cloudfront_distribution, or an
#       aws_cloudwatch_log_delivery_source with log_type = "ACCESS_LOGS" and
#       resource_arn = aws_cloudfront_distribution.<name>.arn.
#     cloudformation: >-
#       Set DistributionConfig.Logging.Bucket to a log bucket's domain name, or
#       add an AWS::Logs::DeliverySource with LogType: ACCESS_LOGS and
#       ResourceArn naming the distribution.
package attest.rules.aws.cloudfront_access_logging

import data.attest.lib
import data.attest.lib.aws.svc

source_type := "AWS::Logs::DeliverySource" if svc.cfn

source_type := "aws_cloudwatch_log_delivery_source" if not svc.cfn

source_path := "ResourceArn" if svc.cfn

source_path := "resource_arn" if not svc.cfn

logged if svc.set("logging_config.0.bucket")

logged if count(lib.linked(source_type, source_path)) > 0

undetermined if svc.is_unknown("logging_config")

undetermined if lib.may_link(source_type, source_path)

deny contains msg if {
	not logged
	not undetermined
	msg := "the distribution writes no access logs"
}

unknown contains msg if {
	not logged
	undetermined
	msg := "the logging settings are not known statically"
}

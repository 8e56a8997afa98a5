# Package attest.lib.aws.logbuckets tells whether input.resource, an S3
# bucket, receives logs: the configuration names it as the destination of
# S3 server access logs, a CloudTrail trail, load balancer access logs,
# VPC flow logs, CloudFront logs, AWS Config or Redshift audit logs.
package attest.lib.aws.logbuckets

cfn if input.resource.format == "cloudformation"

# _senders maps each type that writes logs to a bucket to the attribute
# paths that name the bucket.
_senders := {
	"aws_s3_bucket_logging": ["target_bucket"],
	"aws_cloudtrail": ["s3_bucket_name"],
	"aws_lb": ["access_logs.0.bucket"],
	"aws_alb": ["access_logs.0.bucket"],
	"aws_flow_log": ["log_destination"],
	"aws_cloudfront_distribution": ["logging_config.0.bucket"],
	"aws_config_delivery_channel": ["s3_bucket_name"],
	"aws_redshift_logging": ["bucket_name"],
} if not cfn

_senders := {
	"AWS::CloudTrail::Trail": ["S3BucketName"],
	"AWS::S3::Bucket": ["LoggingConfiguration.DestinationBucketName"],
	"AWS::EC2::FlowLog": ["LogDestination"],
	"AWS::CloudFront::Distribution": ["DistributionConfig.Logging.Bucket"],
	"AWS::Config::DeliveryChannel": ["S3BucketName"],
} if cfn

# senders is the set of [type, address] of the resources that write logs
# to input.resource, read straight from the engine's index of referrers
# (lib.referrers without the call, as every bucket asks for each path).
senders contains [t, s.address] if {
	some t, paths in _senders
	some p in paths
	some s in input.referrers[t][p]
}

log_bucket if count(senders) > 0

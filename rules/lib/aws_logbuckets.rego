# Package attest.lib.aws.logbuckets tells whether input.resource, an S3
# bucket, receives logs: the configuration names it as the destination of
# S3 server access logs, a CloudTrail trail, load balancer access logs,
# VPC flow logs, CloudFront logs, AWS Config or Redshift audit logs.
package attest.lib.aws.logbuckets

# log_bucket holds when a resource that writes logs names input.resource
# as their bucket: a look in the engine's index of referrers by the type of
# the sender and the path of the attribute that names the bucket. Each
# sender is a body of its own whose only test (besides the format's) is that
# lookup, which OPA's rule index reads: for a bucket that no sender names,
# the index leaves out every body and nothing is evaluated.
#
# Terraform: aws_s3_bucket_logging's target_bucket, aws_cloudtrail's
# s3_bucket_name, aws_lb's and aws_alb's access_logs.0.bucket,
# aws_flow_log's log_destination, aws_cloudfront_distribution's
# logging_config.0.bucket, aws_config_delivery_channel's s3_bucket_name,
# aws_redshift_logging's bucket_name.
log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_s3_bucket_logging.target_bucket[0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_cloudtrail.s3_bucket_name[0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_lb["access_logs.0.bucket"][0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_alb["access_logs.0.bucket"][0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_flow_log.log_destination[0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_cloudfront_distribution["logging_config.0.bucket"][0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_config_delivery_channel.s3_bucket_name[0]
}

log_bucket if {
	input.resource.type == "aws_s3_bucket"
	input.referrers.aws_redshift_logging.bucket_name[0]
}

# CloudFormation: AWS::CloudTrail::Trail's S3BucketName, AWS::S3::Bucket's
# LoggingConfiguration.DestinationBucketName, AWS::EC2::FlowLog's
# LogDestination, AWS::CloudFront::Distribution's
# DistributionConfig.Logging.Bucket, AWS::Config::DeliveryChannel's
# S3BucketName.
log_bucket if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::CloudTrail::Trail"].S3BucketName[0]
}

log_bucket if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::S3::Bucket"]["LoggingConfiguration.DestinationBucketName"][0]
}

log_bucket if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::EC2::FlowLog"].LogDestination[0]
}

log_bucket if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::CloudFront::Distribution"]["DistributionConfig.Logging.Bucket"][0]
}

log_bucket if {
	input.resource.format == "cloudformation"
	input.referrers["AWS::Config::DeliveryChannel"].S3BucketName[0]
}

variable "multi_region" {
  type = bool
}

variable "global_events" {
  type = bool
}

resource "aws_cloudtrail" "regions" {
  name                  = "regions"
  s3_bucket_name        = "acme-trail"
  is_multi_region_trail = var.multi_region
}

# Every region, but global service events (IAM, STS) may be left out.
resource "aws_cloudtrail" "global_events" {
  name                          = "global-events"
  s3_bucket_name                = "acme-trail"
  is_multi_region_trail         = true
  include_global_service_events = var.global_events
}

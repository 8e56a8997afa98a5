variable "log_group_arn" {
  type = string
}

resource "aws_cloudtrail" "from_variable" {
  name                       = "from-variable"
  s3_bucket_name             = "acme-trail"
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail-to-logs"
}

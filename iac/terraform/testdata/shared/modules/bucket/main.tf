# A module that two roots call, with override files, for expressions and
# templates, so that loads sharing a parse cache all read the same trees.
variable "names" {
  type = list(string)
}

variable "prefix" {
  type    = string
  default = "${"dev"}-${"x"}"
}

locals {
  full = [for n in var.names : "${var.prefix}-${n}"]
}

resource "aws_s3_bucket" "b" {
  for_each = toset(local.full)
  bucket   = each.key
  acl      = "public-read"

  logging {
    target_bucket = "logs-${each.key}"
  }
}

resource "aws_cloudwatch_log_group" "g" {
  name              = "${var.prefix}-logs"
  retention_in_days = 7
}

output "buckets" {
  value = [for k, b in aws_s3_bucket.b : "${k}=${b.bucket}"]
}

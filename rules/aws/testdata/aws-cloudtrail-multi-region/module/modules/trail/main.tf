variable "name" {
  type = string
}

variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "this" {
  name                  = var.name
  s3_bucket_name        = "acme-cloudtrail"
  is_multi_region_trail = var.multi_region
}

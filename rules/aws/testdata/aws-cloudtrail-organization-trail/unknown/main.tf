variable "organization" {
  type = bool
}

resource "aws_cloudtrail" "from_variable" {
  name                  = "from-variable"
  s3_bucket_name        = "acme-trail"
  is_organization_trail = var.organization
}

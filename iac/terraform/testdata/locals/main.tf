locals {
  env    = "prod"
  name   = "${local.prefix}-${local.env}"
  prefix = lower(local.org)
  org    = "ACME"
  tags   = merge(local.base_tags, { Name = local.name })
  base_tags = {
    Owner = "platform"
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "${local.name}-data"
  tags   = local.tags
}

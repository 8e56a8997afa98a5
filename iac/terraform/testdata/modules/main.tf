module "outer" {
  source      = "./modules/outer"
  bucket_name = "acme-${var.env}-logs"
}

variable "env" {
  type    = string
  default = "prod"
}

resource "aws_s3_bucket_public_access_block" "outer" {
  bucket                  = module.outer.bucket_id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

module "per_env" {
  source      = "./modules/inner"
  for_each    = toset(["dev", "stage"])
  name        = "acme-${each.key}"
  kms_key_arn = aws_kms_key.k.arn
}

resource "aws_kms_key" "k" {
  description = "bucket key"
}

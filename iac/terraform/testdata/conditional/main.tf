variable "encrypt" {
  type    = bool
  default = true
}

resource "aws_kms_key" "k" {
  count               = var.encrypt ? 2 : 0
  description         = "key ${count.index}"
  enable_key_rotation = true
}

resource "aws_db_instance" "db" {
  identifier        = "main"
  storage_encrypted = var.encrypt
  kms_key_id        = var.encrypt ? aws_kms_key.k[0].arn : null
  engine            = var.encrypt ? "postgres" : "mysql"
}

resource "aws_cloudtrail" "t" {
  name           = "trail"
  s3_bucket_name = "trail-logs"
  kms_key_id     = join(",", aws_kms_key.k[*].description)
  tags           = { keys = length(aws_kms_key.k) }
}

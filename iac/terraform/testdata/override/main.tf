variable "retention" {
  type    = number
  default = 7
}

locals {
  name = "orders"
  kept = "kept"
}

resource "aws_s3_bucket" "data" {
  bucket = "${local.name}-data"
  acl    = "public-read"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  logging {
    target_bucket = "logs"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = local.kept
  retention_in_days = var.retention
}

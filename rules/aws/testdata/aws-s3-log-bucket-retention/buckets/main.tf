variable "days" {
  type = number
}

resource "aws_s3_bucket" "logs" {
  for_each = { trail = 400, flow = 90 }
  bucket   = "example-${each.key}-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  for_each = aws_s3_bucket.logs
  bucket   = each.value.id

  rule {
    id     = "expire"
    status = "Enabled"

    transition {
      days          = 30
      storage_class = "GLACIER"
    }

    expiration {
      days = each.key == "trail" ? 400 : 90
    }
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.logs["trail"].id
}

resource "aws_flow_log" "vpc" {
  vpc_id               = "vpc-1"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.logs["flow"].arn
}

resource "aws_s3_bucket" "scratch" {
  bucket = "example-scratch"
}

resource "aws_s3_bucket_lifecycle_configuration" "scratch" {
  bucket = aws_s3_bucket.scratch.id

  rule {
    id     = "expire"
    status = "Enabled"

    expiration {
      days = 7
    }
  }
}

resource "aws_s3_bucket" "config_logs" {
  bucket = "example-config-logs"
}

resource "aws_config_delivery_channel" "main" {
  s3_bucket_name = aws_s3_bucket.config_logs.bucket
}

resource "aws_s3_bucket_lifecycle_configuration" "config_logs" {
  bucket = aws_s3_bucket.config_logs.id

  rule {
    id     = "expire"
    status = "Enabled"

    expiration {
      days = var.days
    }
  }
}

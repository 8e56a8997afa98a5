resource "aws_s3_bucket" "logs" {
  bucket = "acme-lb-logs"
}

# A bucket without enabled = true: the provider leaves access logs off.
resource "aws_lb" "bucket_only" {
  name    = "bucket-only"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket = aws_s3_bucket.logs.id
    prefix = "bucket-only"
  }
}

# On: enabled = true, with a bucket whose name is computed.
resource "aws_lb" "on" {
  name    = "on"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = true
  }
}

# Off, explicitly.
resource "aws_alb" "off" {
  name    = "off"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket  = aws_s3_bucket.logs.bucket
    enabled = false
  }
}

# Omitted: no access_logs block at all.
resource "aws_lb" "omitted" {
  name    = "omitted"
  subnets = ["subnet-0a", "subnet-0b"]
}

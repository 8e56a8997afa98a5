resource "aws_s3_bucket" "api" { bucket = "api" }

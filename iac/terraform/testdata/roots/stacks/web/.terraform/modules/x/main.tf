resource "aws_s3_bucket" "hidden" { bucket = "x" }

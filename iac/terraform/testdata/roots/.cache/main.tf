resource "aws_s3_bucket" "git" { bucket = "x" }

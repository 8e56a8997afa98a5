variable "bucket_policy" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = var.bucket_policy
}

# jsonencode with a computed ARN in Resource: the ARN stays a placeholder and
# the rest of the policy (Effect, Condition) is read.
resource "aws_s3_bucket" "computed" {
  bucket = "acme-computed"
}

resource "aws_s3_bucket_policy" "computed" {
  bucket = aws_s3_bucket.computed.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "${aws_s3_bucket.computed.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

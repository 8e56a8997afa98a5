resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "*"
      Resource  = "arn:aws:s3:::acme-legacy/*"
      Condition = { BoolIfExists = { "aws:SecureTransport" = false } }
    }]
  })
}

# The condition is the wrong way round: it denies TLS requests.
resource "aws_s3_bucket" "inverted" {
  bucket = "acme-inverted"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-inverted/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

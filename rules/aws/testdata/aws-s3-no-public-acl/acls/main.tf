resource "aws_s3_bucket" "legacy_public" {
  bucket = "acme-legacy-public"
  acl    = "public-read"
}

resource "aws_s3_bucket" "private" {
  bucket = "acme-private"
  acl    = "private"
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = aws_s3_bucket.shared.id
  acl    = "authenticated-read"
}

resource "aws_s3_bucket" "owner" {
  bucket = "acme-owner"
}

resource "aws_s3_bucket_acl" "owner" {
  bucket = aws_s3_bucket.owner.id
  acl    = "private"
}

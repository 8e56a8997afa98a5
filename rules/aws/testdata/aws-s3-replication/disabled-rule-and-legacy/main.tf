resource "aws_s3_bucket" "paused" {
  bucket = "acme-paused"
}

resource "aws_s3_bucket_replication_configuration" "paused" {
  role   = "arn:aws:iam::111122223333:role/s3-replication"
  bucket = "acme-paused"

  rule {
    id     = "paused"
    status = "Disabled"

    destination {
      bucket = "arn:aws:s3:::acme-paused-copy"
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"

  replication_configuration {
    role = "arn:aws:iam::111122223333:role/s3-replication"

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket = "arn:aws:s3:::acme-legacy-copy"
      }
    }
  }
}

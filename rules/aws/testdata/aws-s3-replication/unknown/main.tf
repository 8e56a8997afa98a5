variable "status" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id     = "all"
    status = var.status

    destination {
      bucket = "arn:aws:s3:::acme-data-replica"
    }
  }
}

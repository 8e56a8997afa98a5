variable "bucket" {
  type = string
}

# A public ACL on a bucket that is not known statically: it may be acme-data.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_acl" "from_variable" {
  bucket = var.bucket
  acl    = "public-read"
}

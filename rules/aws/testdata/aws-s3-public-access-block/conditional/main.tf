# Public access blocks whose existence depends on a variable without a
# value: the buckets they would protect cannot pass on their strength.
variable "private" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_public_access_block" "maybe" {
  count                   = var.private ? 1 : 0
  bucket                  = aws_s3_bucket.maybe.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "sure" {
  bucket = "acme-sure"
}

resource "aws_s3_bucket_public_access_block" "sure" {
  bucket                  = aws_s3_bucket.sure.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The bucket and its block come and go together: inside the module they
# pass, as the block exists whenever the bucket does.
module "together" {
  source = "./mod"
  count  = var.private ? 1 : 0
}

# A bucket outside the module cannot rely on a block inside it.
resource "aws_s3_bucket" "outside" {
  bucket = "acme-outside"
}

module "elsewhere" {
  source = "./mod"
  count  = var.private ? 1 : 0
  target = aws_s3_bucket.outside.id
}

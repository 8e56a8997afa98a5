variable "buckets" {
  type = map(bool)
  default = {
    "acme-locked" = true
    "acme-loose"  = false
  }
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = each.key
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = var.buckets
  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = each.value
  block_public_policy     = each.value
  ignore_public_acls      = each.value
  restrict_public_buckets = each.value
}

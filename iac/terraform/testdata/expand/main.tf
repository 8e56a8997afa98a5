variable "buckets" {
  type = map(object({
    versioning = bool
  }))
  default = {
    logs  = { versioning = true }
    "a b" = { versioning = false }
  }
}

resource "aws_s3_bucket" "by_key" {
  for_each = var.buckets
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_versioning" "by_key" {
  for_each = aws_s3_bucket.by_key
  bucket   = each.value.id
  versioning_configuration {
    status = var.buckets[each.key].versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_sqs_queue" "q" {
  count = 3
  name  = "queue-${count.index}"
}

resource "aws_iam_user" "u" {
  for_each = toset(["bob", "alice"])
  name     = each.value
}

resource "aws_kms_key" "none" {
  count       = 0
  description = "never"
}

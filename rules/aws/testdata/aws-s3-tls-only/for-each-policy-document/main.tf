locals {
  buckets = {
    uploads = true
    cache   = false
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "acme-${each.key}"
}

data "aws_iam_policy_document" "tls" {
  for_each = aws_s3_bucket.this

  statement {
    sid       = "AllowRead"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  dynamic "statement" {
    for_each = local.buckets[each.key] ? [1] : []
    content {
      sid       = "DenyInsecureTransport"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [each.value.arn, "${each.value.arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  policy   = data.aws_iam_policy_document.tls[each.key].json
}

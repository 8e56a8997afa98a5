variable "secure_transport" {
  type = string
}

variable "principal" {
  type = string
}

variable "action" {
  type = string
}

variable "statement" {
  type = any
}

variable "condition" {
  type = any
}

# Each bucket's only deny statement has one part that is not known statically;
# that part may make it the statement that enforces TLS.
resource "aws_s3_bucket" "condition_value" {
  bucket = "acme-condition-value"
}

resource "aws_s3_bucket_policy" "condition_value" {
  bucket = aws_s3_bucket.condition_value.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-condition-value/*"
      Condition = { Bool = { "aws:SecureTransport" = var.secure_transport } }
    }]
  })
}

resource "aws_s3_bucket" "condition" {
  bucket = "acme-condition"
}

resource "aws_s3_bucket_policy" "condition" {
  bucket = aws_s3_bucket.condition.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-condition/*"
      Condition = var.condition
    }]
  })
}

resource "aws_s3_bucket" "principal" {
  bucket = "acme-principal"
}

resource "aws_s3_bucket_policy" "principal" {
  bucket = aws_s3_bucket.principal.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = [var.principal] }
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::acme-principal/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "action" {
  bucket = "acme-action"
}

data "aws_iam_policy_document" "action" {
  statement {
    effect    = "Deny"
    actions   = [var.action]
    resources = ["arn:aws:s3:::acme-action/*"]
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

resource "aws_s3_bucket_policy" "action" {
  bucket = aws_s3_bucket.action.id
  policy = data.aws_iam_policy_document.action.json
}

resource "aws_s3_bucket" "statement" {
  bucket = "acme-statement"
}

resource "aws_s3_bucket_policy" "statement" {
  bucket = aws_s3_bucket.statement.id
  policy = jsonencode({ Statement = [var.statement] })
}

# Unknown parts of a statement that cannot enforce TLS (an Allow) do not help.
resource "aws_s3_bucket" "allow_only" {
  bucket = "acme-allow-only"
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [var.principal] }
      Action    = [var.action]
      Resource  = "arn:aws:s3:::acme-allow-only/*"
      Condition = { Bool = { "aws:SecureTransport" = var.secure_transport } }
    }]
  })
}

# A known enforcing statement passes whatever else is unknown.
resource "aws_s3_bucket" "enforced" {
  bucket = "acme-enforced"
}

resource "aws_s3_bucket_policy" "enforced" {
  bucket = aws_s3_bucket.enforced.id
  policy = jsonencode({
    Statement = [
      var.statement,
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::acme-enforced/*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

# A policy that is not JSON has no statement to read.
resource "aws_s3_bucket" "not_json" {
  bucket = "acme-not-json"
}

resource "aws_s3_bucket_policy" "not_json" {
  bucket = aws_s3_bucket.not_json.id
  policy = "{\"Statement\": [{\"Effect\": \"Deny\",}]}"
}

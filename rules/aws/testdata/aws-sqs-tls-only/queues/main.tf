variable "queue_url" {
  type = string
}

resource "aws_sqs_queue" "guarded" {
  name = "orders"
}

resource "aws_sqs_queue_policy" "guarded" {
  queue_url = aws_sqs_queue.guarded.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyPlainHttp"
      Effect    = "Deny"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.guarded.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_sqs_queue" "inline" {
  name = "inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = ["sqs:*"]
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = false } }
    }]
  })
}

resource "aws_sqs_queue" "open" {
  for_each = toset(["a", "b"])
  name     = "open-${each.key}"
}

resource "aws_sqs_queue" "allow_only" {
  name = "allow-only"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

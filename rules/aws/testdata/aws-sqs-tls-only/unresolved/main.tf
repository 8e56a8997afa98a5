variable "queue_url" {
  type = string
}

resource "aws_sqs_queue" "maybe" {
  name = "maybe"
}

resource "aws_sqs_queue_policy" "elsewhere" {
  queue_url = var.queue_url
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

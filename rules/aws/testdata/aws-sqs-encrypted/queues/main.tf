variable "sse" {
  type = bool
}

resource "aws_sqs_queue" "default" {
  name = "orders"
}

resource "aws_sqs_queue" "managed" {
  name                    = "payments"
  sqs_managed_sse_enabled = true
}

resource "aws_kms_key" "queue" {
  description = "queue key"
}

resource "aws_sqs_queue" "cmk" {
  name                    = "refunds"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.queue.arn
}

resource "aws_sqs_queue" "plain" {
  name                    = "audit"
  sqs_managed_sse_enabled = false
}

resource "aws_sqs_queue" "configurable" {
  name                    = "events"
  sqs_managed_sse_enabled = var.sse
}

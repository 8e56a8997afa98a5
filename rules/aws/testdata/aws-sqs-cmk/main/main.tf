variable "key" {
  type = string
}

resource "aws_kms_key" "app" {
  description         = "sqs key"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "customer" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.app.arn
}

resource "aws_sqs_queue" "managed" {
  name              = "billing"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sqs_queue" "none" {
  name = "signups"
}

resource "aws_sqs_queue" "per_env" {
  for_each          = { prod = "arn:aws:kms:eu-west-1:111122223333:key/1234", dev = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sqs" }
  name              = each.key
  kms_master_key_id = each.value
}

resource "aws_sqs_queue" "configurable" {
  name              = "events"
  kms_master_key_id = var.key
}

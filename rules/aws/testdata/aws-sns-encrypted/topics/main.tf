variable "key" {
  type = string
}

resource "aws_kms_key" "topics" {
  description = "topic key"
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.topics.arn
}

resource "aws_sns_topic" "managed" {
  name              = "billing"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "plain" {
  name = "signups"
}

resource "aws_sns_topic" "configurable" {
  name              = "events"
  kms_master_key_id = var.key
}

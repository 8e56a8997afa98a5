variable "key" {
  type = string
}

resource "aws_kms_key" "app" {
  description         = "sns key"
  enable_key_rotation = true
}

resource "aws_sns_topic" "customer" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.app.arn
}

resource "aws_sns_topic" "managed" {
  name              = "billing"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "none" {
  name = "signups"
}

resource "aws_sns_topic" "per_env" {
  for_each          = { prod = "arn:aws:kms:eu-west-1:111122223333:key/1234", dev = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns" }
  name              = each.key
  kms_master_key_id = each.value
}

resource "aws_sns_topic" "configurable" {
  name              = "events"
  kms_master_key_id = var.key
}

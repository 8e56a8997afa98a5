variable "encryption" {
  type = string
}

resource "aws_kinesis_stream" "encrypted" {
  name            = "clicks"
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "plain" {
  name = "events"
}

resource "aws_kinesis_stream" "per_env" {
  for_each        = { prod = "KMS", dev = "NONE" }
  name            = each.key
  encryption_type = each.value
}

resource "aws_kinesis_stream" "configurable" {
  name            = "cfg"
  encryption_type = var.encryption
}

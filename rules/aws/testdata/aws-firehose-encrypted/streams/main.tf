variable "sse" {
  type = bool
}

resource "aws_kinesis_stream" "source" {
  name            = "clicks"
  encryption_type = "KMS"
}

resource "aws_kinesis_firehose_delivery_stream" "encrypted" {
  name        = "direct"
  destination = "extended_s3"

  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "plain" {
  name        = "plain"
  destination = "extended_s3"
}

resource "aws_kinesis_firehose_delivery_stream" "from_stream" {
  name        = "from-stream"
  destination = "extended_s3"

  kinesis_source_configuration {
    kinesis_stream_arn = aws_kinesis_stream.source.arn
    role_arn           = "arn:aws:iam::111122223333:role/firehose"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "per_env" {
  for_each    = { prod = true, dev = false }
  name        = each.key
  destination = "extended_s3"

  server_side_encryption {
    enabled = each.value
  }
}

resource "aws_kinesis_firehose_delivery_stream" "configurable" {
  name        = "cfg"
  destination = "extended_s3"

  server_side_encryption {
    enabled = var.sse
  }
}

variable "key" {
  type = string
}

resource "aws_kms_key" "kafka" {
  description         = "kafka"
  enable_key_rotation = true
}

resource "aws_msk_cluster" "customer" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.kafka.arn
  }
}

resource "aws_msk_cluster" "managed" {
  for_each               = toset(["logs", "metrics"])
  cluster_name           = each.key
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
}

resource "aws_msk_cluster" "configurable" {
  cluster_name           = "cfg"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_at_rest_kms_key_arn = var.key
  }
}

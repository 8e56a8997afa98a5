variable "logs_on" {
  type = bool
}

resource "aws_cloudwatch_log_group" "kafka" {
  name              = "/msk/events"
  retention_in_days = 365
}

resource "aws_msk_cluster" "logged" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.kafka.name
      }
    }
  }
}

resource "aws_msk_cluster" "silent" {
  cluster_name           = "silent"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
}

resource "aws_msk_cluster" "per_env" {
  for_each               = { prod = true, dev = false }
  cluster_name           = each.key
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  logging_info {
    broker_logs {
      s3 {
        enabled = each.value
        bucket  = "example-kafka-logs"
      }
    }
  }
}

resource "aws_msk_cluster" "configurable" {
  cluster_name           = "cfg"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  logging_info {
    broker_logs {
      firehose {
        enabled         = var.logs_on
        delivery_stream = "kafka-logs"
      }
    }
  }
}

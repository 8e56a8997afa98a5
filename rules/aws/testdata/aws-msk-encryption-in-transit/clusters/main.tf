variable "client_broker" {
  type = string
}

resource "aws_msk_cluster" "defaults" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
}

resource "aws_msk_cluster" "per_env" {
  for_each               = { prod = "TLS", migrating = "TLS_PLAINTEXT" }
  cluster_name           = each.key
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_in_transit {
      client_broker = each.value
      in_cluster    = true
    }
  }
}

resource "aws_msk_cluster" "no_in_cluster" {
  cluster_name           = "legacy"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_in_transit {
      in_cluster = false
    }
  }
}

resource "aws_msk_cluster" "configurable" {
  cluster_name           = "cfg"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_in_transit {
      client_broker = var.client_broker
    }
  }
}

variable "access" {
  type = string
}

resource "aws_msk_cluster" "private" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
}

resource "aws_msk_cluster" "per_env" {
  for_each               = { prod = "DISABLED", partner = "SERVICE_PROVIDED_EIPS" }
  cluster_name           = each.key
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]

    connectivity_info {
      public_access {
        type = each.value
      }
    }
  }
}

resource "aws_msk_cluster" "configurable" {
  cluster_name           = "cfg"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]

    connectivity_info {
      public_access {
        type = var.access
      }
    }
  }
}

variable "enabled" {
  type = bool
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_opensearch_domain" "plain" {
  domain_name = "plain"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
  node_to_node_encryption {
    enabled = false
  }
}

resource "aws_elasticsearch_domain" "legacy_on" {
  domain_name = "legacyon"
  node_to_node_encryption {
    enabled = true
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "configurable"
  node_to_node_encryption {
    enabled = var.enabled
  }
}

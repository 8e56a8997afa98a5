variable "enabled" {
  type = bool
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_opensearch_domain" "plain" {
  domain_name = "plain"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
  encrypt_at_rest {
    enabled = false
  }
}

resource "aws_elasticsearch_domain" "legacy_on" {
  domain_name = "legacyon"
  encrypt_at_rest {
    enabled = true
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "configurable"
  encrypt_at_rest {
    enabled = var.enabled
  }
}

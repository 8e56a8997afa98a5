variable "https" {
  type = bool
}

resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_opensearch_domain" "defaulted" {
  domain_name = "defaulted"
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

resource "aws_opensearch_domain" "no_block" {
  domain_name = "noblock"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
  domain_endpoint_options {
    enforce_https = false
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "configurable"
  domain_endpoint_options {
    enforce_https = var.https
  }
}

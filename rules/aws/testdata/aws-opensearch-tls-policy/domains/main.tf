variable "tls_policy" {
  type = string
}

resource "aws_opensearch_domain" "modern" {
  domain_name = "search"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}

resource "aws_opensearch_domain" "unset" {
  domain_name = "unset"

  domain_endpoint_options {
    enforce_https = true
  }
}

resource "aws_elasticsearch_domain" "per_env" {
  for_each    = { prod = "Policy-Min-TLS-1-2-2019-07", old = "Policy-Min-TLS-1-0-2019-07" }
  domain_name = each.key

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = each.value
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "cfg"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy
  }
}

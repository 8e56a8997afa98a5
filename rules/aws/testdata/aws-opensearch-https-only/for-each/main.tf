resource "aws_opensearch_domain" "per_env" {
  for_each    = { prod = true, dev = false }
  domain_name = "logs-${each.key}"
  domain_endpoint_options {
    enforce_https = each.value
  }
}

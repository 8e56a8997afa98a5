resource "aws_opensearch_domain" "per_env" {
  for_each    = toset(["prod", "dev"])
  domain_name = "logs-${each.key}"
  encrypt_at_rest {
    enabled = each.key == "prod"
  }
}

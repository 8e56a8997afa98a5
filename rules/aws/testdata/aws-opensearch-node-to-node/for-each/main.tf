resource "aws_opensearch_domain" "per_env" {
  for_each    = toset(["prod", "dev"])
  domain_name = "logs-${each.key}"
  node_to_node_encryption {
    enabled = each.key == "prod"
  }
}

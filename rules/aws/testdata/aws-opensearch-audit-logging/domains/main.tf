variable "log_type" {
  type = string
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/aws/opensearch/audit"
  retention_in_days = 365
}

resource "aws_opensearch_domain" "audited" {
  domain_name = "search"

  advanced_security_options {
    enabled = true
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
  }
}

resource "aws_opensearch_domain" "slow_only" {
  domain_name = "slow"

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
    enabled                  = false
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  for_each    = toset(["audit", "none"])
  domain_name = each.key

  dynamic "log_publishing_options" {
    for_each = each.key == "audit" ? ["AUDIT_LOGS"] : []
    content {
      log_type                 = log_publishing_options.value
      cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
    }
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "cfg"

  log_publishing_options {
    log_type                 = var.log_type
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
  }
}

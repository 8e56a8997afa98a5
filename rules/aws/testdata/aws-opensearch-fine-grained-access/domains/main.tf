variable "fgac" {
  type = bool
}

resource "aws_iam_role" "search_admin" {
  name               = "search-admin"
  assume_role_policy = "{}"
}

resource "aws_opensearch_domain" "fgac" {
  domain_name = "search"

  advanced_security_options {
    enabled = true

    master_user_options {
      master_user_arn = aws_iam_role.search_admin.arn
    }
  }
}

resource "aws_opensearch_domain" "coarse" {
  domain_name = "coarse"
}

resource "aws_elasticsearch_domain" "per_env" {
  for_each    = { prod = true, dev = false }
  domain_name = each.key

  advanced_security_options {
    enabled = each.value
  }
}

resource "aws_opensearch_domain" "configurable" {
  domain_name = "cfg"

  advanced_security_options {
    enabled = var.fgac
  }
}

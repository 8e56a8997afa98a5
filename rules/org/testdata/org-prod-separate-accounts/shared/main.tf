# One workload account runs everything: production is not isolated.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_account" "workloads" {
  name  = "workloads-prod"
  email = "aws-workloads@example.com"
}

resource "aws_organizations_account" "log_archive" {
  name  = "log-archive"
  email = "aws-logs@example.com"
}

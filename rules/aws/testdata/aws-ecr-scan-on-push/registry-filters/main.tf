variable "filter" {
  type = string
}

# The registry scans only the repositories its filters match.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "prod-*"
      filter_type = "WILDCARD"
    }
  }

  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "team/*/api"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "prod_api" {
  name = "prod-api"
}

resource "aws_ecr_repository" "team_api" {
  name = "team/payments/api"
}

resource "aws_ecr_repository" "prod_dotted" {
  name = "prod-web.v2"
}

resource "aws_ecr_repository" "dev_api" {
  name = "dev-api"
}

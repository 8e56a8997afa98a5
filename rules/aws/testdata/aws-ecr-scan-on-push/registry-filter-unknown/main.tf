variable "filter" {
  type = string
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = var.filter
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "any" {
  name = "any"
}

resource "aws_ecr_repository" "own_scanning" {
  name = "own-scanning"

  image_scanning_configuration {
    scan_on_push = true
  }
}

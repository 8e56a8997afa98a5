variable "analyzer_type" {
  type = string
}

variable "enabled" {
  type = bool
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_accessanalyzer_analyzer" "configurable" {
  analyzer_name = "access"
  type          = var.analyzer_type
}

resource "aws_accessanalyzer_analyzer" "optional" {
  count         = var.enabled ? 1 : 0
  analyzer_name = "unused-access"
  type          = "ORGANIZATION_UNUSED_ACCESS"
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_accessanalyzer_analyzer" "per_account" {
  for_each      = toset(["ACCOUNT", "ACCOUNT_UNUSED_ACCESS"])
  analyzer_name = lower(each.key)
  type          = each.key
}

resource "aws_accessanalyzer_analyzer" "slow" {
  analyzer_name = "unused-access"
  type          = "ORGANIZATION_UNUSED_ACCESS"
  configuration {
    unused_access {
      unused_access_age = 180
    }
  }
}

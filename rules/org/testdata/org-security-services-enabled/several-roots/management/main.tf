resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "222233334444"
}

resource "aws_securityhub_organization_admin_account" "security" {
  admin_account_id = "222233334444"
}

resource "aws_inspector2_delegated_admin_account" "security" {
  account_id = "222233334444"
}

resource "aws_macie2_organization_admin_account" "security" {
  admin_account_id = "222233334444"
}

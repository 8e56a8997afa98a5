# Inspector has no CloudFormation enabler: it is enabled from Terraform.
resource "aws_inspector2_delegated_admin_account" "security" {
  account_id = "222233334444"
}

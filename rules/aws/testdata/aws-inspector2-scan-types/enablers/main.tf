resource "aws_inspector2_enabler" "full" {
  account_ids    = ["111122223333"]
  resource_types = ["EC2", "ECR", "LAMBDA"]
}

resource "aws_inspector2_enabler" "per_account" {
  for_each       = toset(["444455556666"])
  account_ids    = [each.key]
  resource_types = ["ECR"]
}

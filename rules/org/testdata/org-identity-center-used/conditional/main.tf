variable "enable_sso" {
  type = bool
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_permission_set" "admin" {
  count        = var.enable_sso ? 1 : 0
  name         = "Admin"
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

variable "name" {
  type = string
}

data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_permission_set" "this" {
  name         = var.name
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_permission_set" "read_only" {
  name         = "ReadOnly"
  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}

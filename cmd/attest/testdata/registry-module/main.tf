module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

locals {
  principals = {
    sso_admin = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef"
    bob       = "arn:aws:iam::111122223333:user/bob"
  }
}

resource "aws_eks_cluster" "this" {
  for_each = toset(["blue", "green"])
  name     = each.key
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_access_entry" "blue" {
  for_each      = local.principals
  cluster_name  = aws_eks_cluster.this["blue"].name
  principal_arn = each.value
}

resource "aws_eks_access_entry" "green" {
  cluster_name  = aws_eks_cluster.this["green"].name
  principal_arn = local.principals.sso_admin
}

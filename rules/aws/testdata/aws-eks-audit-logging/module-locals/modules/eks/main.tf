variable "name" {
  type = string
}

variable "log_types" {
  type    = list(string)
  default = []
}

resource "aws_eks_cluster" "this" {
  name                      = var.name
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = var.log_types

  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

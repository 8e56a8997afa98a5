variable "log_types" {
  type = list(string)
}

variable "extra_log_type" {
  type = string
}

resource "aws_eks_cluster" "from_variable" {
  name                      = "from-variable"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = var.log_types

  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

# One type is unknown; the two that matter are known to be there.
resource "aws_eks_cluster" "known_types" {
  name                      = "known-types"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["audit", "authenticator", var.extra_log_type]

  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

resource "aws_eks_cluster" "one_missing" {
  name                      = "one-missing"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["audit", var.extra_log_type]

  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }
}

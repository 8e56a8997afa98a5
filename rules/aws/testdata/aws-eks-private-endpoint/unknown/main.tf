variable "public_cidrs" {
  type = list(string)
}

resource "aws_eks_cluster" "configurable" {
  name     = "configurable"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids          = ["subnet-0a", "subnet-0b"]
    public_access_cidrs = var.public_cidrs
  }
}

variable "principal_arn" {
  type = string
}

resource "aws_eks_cluster" "this" {
  name     = "this"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_access_entry" "from_variable" {
  cluster_name  = aws_eks_cluster.this.name
  principal_arn = var.principal_arn
}

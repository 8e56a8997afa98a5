resource "aws_eks_cluster" "roles" {
  name     = "roles"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_iam_role" "admins" {
  name               = "eks-admins"
  assume_role_policy = "{}"
}

resource "aws_eks_access_entry" "admins" {
  cluster_name  = aws_eks_cluster.roles.name
  principal_arn = aws_iam_role.admins.arn
}

resource "aws_eks_cluster" "users" {
  name     = "users"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_access_entry" "alice" {
  cluster_name  = aws_eks_cluster.users.name
  principal_arn = "arn:aws:iam::111122223333:user/alice"
}

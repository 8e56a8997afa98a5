variable "encrypted_resources" {
  type = list(string)
}

resource "aws_eks_cluster" "from_variable" {
  name     = "from-variable"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a", "subnet-0b"]
  }

  encryption_config {
    resources = var.encrypted_resources
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

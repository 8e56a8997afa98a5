resource "aws_eks_cluster" "main" {
  name     = local.name
  role_arn = "arn:aws:iam::123456789012:role/eks-cluster"
  version  = "1.31"

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    endpoint_private_access = true
    # The API server is reachable from the internet: attest flags it.
    endpoint_public_access = true
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.data.arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  allow_users_to_change_password = true
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "DeployApp"
    actions   = ["eks:DescribeCluster", "ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deploy" {
  name   = "${local.name}-deploy"
  policy = data.aws_iam_policy_document.deploy.json
}

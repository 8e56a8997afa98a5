resource "aws_iam_policy" "key_admin" {
  name = "key-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "AllKms", Effect = "Allow", Action = "kms:*", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket", "ec2:*"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}

resource "aws_iam_role" "deployer" {
  name               = "deployer"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "iam"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["IAM:*"], Resource = "*" }] })
  }
}

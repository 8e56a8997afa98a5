data "aws_iam_policy_document" "admin" {
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "deploy" {
  statement {
    effect    = "Allow"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = ["arn:aws:ecs:eu-west-1:111122223333:service/main/*"]
  }
}

resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_user_policy" "ci_admin" {
  name   = "ci-admin"
  user   = aws_iam_user.ci.name
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = data.aws_iam_policy_document.deploy.json
}

module "roles" {
  source = "./modules/role-policy"
  grants = {
    auditor = ["cloudtrail:LookupEvents"]
    break_glass = ["*"]
  }
}

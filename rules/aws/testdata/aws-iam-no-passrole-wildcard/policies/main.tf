resource "aws_iam_policy" "pass_any" {
  name = "pass-any"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ecs:RunTask", "iam:PassRole"], Resource = "*" }]
  })
}

resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

data "aws_iam_policy_document" "pass_task" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/task"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "pass_task" {
  name   = "pass-task"
  policy = data.aws_iam_policy_document.pass_task.json
}

resource "aws_iam_group_policy" "iam_star" {
  name   = "iam-star"
  group  = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:Pass*", Resource = ["*"] }] })
}

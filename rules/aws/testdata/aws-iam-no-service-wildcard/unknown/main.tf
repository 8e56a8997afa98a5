variable "action" {
  type = string
}

resource "aws_iam_user_policy" "from_variable" {
  name   = "from-variable"
  user   = "ci"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }] })
}

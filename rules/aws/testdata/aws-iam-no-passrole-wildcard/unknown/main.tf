variable "role_arn" {
  type = string
}

resource "aws_iam_policy" "from_variable" {
  name   = "from-variable"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = [var.role_arn] }] })
}

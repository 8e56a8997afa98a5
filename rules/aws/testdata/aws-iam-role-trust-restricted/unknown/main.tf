variable "trusted" {
  type = string
}

resource "aws_iam_role" "from_variable" {
  name = "from-variable"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = [var.trusted] }, Action = "sts:AssumeRole" }]
  })
}

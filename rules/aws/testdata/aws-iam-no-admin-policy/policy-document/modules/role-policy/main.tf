variable "grants" {
  type = map(list(string))
}

resource "aws_iam_policy" "this" {
  for_each = var.grants
  name     = each.key
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }]
  })
}

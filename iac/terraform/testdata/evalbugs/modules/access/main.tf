variable "roles" {
  type     = map(string)
  default  = { reader = "arn:aws:iam::aws:policy/ReadOnlyAccess" }
  nullable = false
}

resource "aws_iam_role_policy_attachment" "role" {
  for_each   = var.roles
  role       = "ops"
  policy_arn = each.value
}

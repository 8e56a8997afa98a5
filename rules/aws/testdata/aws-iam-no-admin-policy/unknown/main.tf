variable "policy_json" {
  type = string
}

resource "aws_iam_policy" "external" {
  name   = "external"
  policy = var.policy_json
}

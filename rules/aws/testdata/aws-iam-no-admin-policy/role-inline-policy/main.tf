variable "action" {
  type = string
}

variable "inline_policies" {
  type = list(object({ name = string, policy = string }))
}

locals {
  assume_ec2 = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

# An administrator's policy inline in the role.
resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = local.assume_ec2

  inline_policy {
    name = "read"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
    })
  }

  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "scoped" {
  name               = "scoped"
  assume_role_policy = local.assume_ec2

  inline_policy {
    name = "read"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
    })
  }
}

# No inline policy: nothing to judge, and the trust policy is not read.
resource "aws_iam_role" "no_inline" {
  name               = "no-inline"
  assume_role_policy = local.assume_ec2
}

resource "aws_iam_role" "unknown_action" {
  name               = "unknown-action"
  assume_role_policy = local.assume_ec2

  inline_policy {
    name = "maybe-everything"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "unknown_blocks" {
  name               = "unknown-blocks"
  assume_role_policy = local.assume_ec2

  dynamic "inline_policy" {
    for_each = var.inline_policies
    content {
      name   = inline_policy.value.name
      policy = inline_policy.value.policy
    }
  }
}

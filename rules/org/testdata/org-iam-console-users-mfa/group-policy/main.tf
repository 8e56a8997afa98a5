data "aws_iam_policy_document" "mfa" {
  statement {
    sid    = "DenyWithoutMFA"
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:GetUser",
      "iam:ListMFADevices",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
      "sts:GetSessionToken",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "mfa" {
  name   = "require-mfa"
  policy = data.aws_iam_policy_document.mfa.json
}

resource "aws_iam_group" "people" {
  name = "people"
}

resource "aws_iam_group_policy_attachment" "mfa" {
  group      = aws_iam_group.people.name
  policy_arn = aws_iam_policy.mfa.arn
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.people.name]
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

# Inline on the user.
resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_policy" "bob_mfa" {
  user   = aws_iam_user.bob.name
  policy = data.aws_iam_policy_document.mfa.json
}

resource "aws_iam_user_login_profile" "bob" {
  user = aws_iam_user.bob.name
}

variable "reset" {
  type = bool
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user                    = aws_iam_user.alice.name
  pgp_key                 = "keybase:alice"
  password_reset_required = true
}

resource "aws_iam_user_login_profile" "bob" {
  user    = "bob"
  pgp_key = "keybase:bob"
}

resource "aws_iam_user_login_profile" "team" {
  for_each                = { carol = true, dave = false }
  user                    = each.key
  password_reset_required = each.value
}

resource "aws_iam_user_login_profile" "configurable" {
  user                    = "erin"
  password_reset_required = var.reset
}

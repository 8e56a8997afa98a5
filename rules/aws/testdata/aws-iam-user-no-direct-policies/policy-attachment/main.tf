variable "users" {
  type = list(string)
}

# aws_iam_policy_attachment attaches a managed policy to users directly too.
resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user" "carol" {
  name = "carol"
}

resource "aws_iam_user" "dave" {
  name = "dave"
}

resource "aws_iam_policy_attachment" "read_only" {
  name       = "read-only"
  users      = [aws_iam_user.bob.name, "carol"]
  groups     = ["engineers"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_group" "viewers" {
  name = "viewers"
}

# A policy that lives outside this configuration cannot be read.
resource "aws_iam_group_policy_attachment" "viewers" {
  group      = aws_iam_group.viewers.name
  policy_arn = "arn:aws:iam::111122223333:policy/org-require-mfa"
}

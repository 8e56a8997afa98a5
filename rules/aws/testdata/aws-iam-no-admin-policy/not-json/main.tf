# A policy that is not JSON (here a trailing comma) has no statement to read:
# it may be anything, so it is not a pass.
resource "aws_iam_policy" "trailing_comma" {
  name   = "trailing-comma"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},]
    }
  EOT
}

resource "aws_macie2_account" "on" {
  for_each                     = toset(["primary"])
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_macie2_account" "paused" {
  status = "PAUSED"
}

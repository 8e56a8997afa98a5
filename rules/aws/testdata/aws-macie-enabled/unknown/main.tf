variable "status" {
  type = string
}

resource "aws_macie2_account" "from_variable" {
  status = var.status
}

variable "kms_key_id" {
  type = string
}

resource "aws_cloudwatch_log_group" "from_variable" {
  name       = "from-variable"
  kms_key_id = var.kms_key_id
}

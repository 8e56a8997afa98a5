variable "name" {
  type = string
}

variable "key" {
  type    = string
  default = null
}

resource "aws_sns_topic" "this" {
  name              = var.name
  kms_master_key_id = var.key
}

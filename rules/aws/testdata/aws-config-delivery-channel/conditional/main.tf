variable "deliver" {
  type = bool
}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_delivery_channel" "this" {
  count          = var.deliver ? 1 : 0
  name           = "default"
  s3_bucket_name = "example-config-history"
}

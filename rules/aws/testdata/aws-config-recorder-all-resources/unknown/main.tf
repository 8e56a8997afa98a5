variable "all_supported" {
  type = bool
}

resource "aws_config_configuration_recorder" "from_variable" {
  name     = "from-variable"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = var.all_supported
  }
}

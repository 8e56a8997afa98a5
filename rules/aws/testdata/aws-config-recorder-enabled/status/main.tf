resource "aws_config_configuration_recorder" "on" {
  name     = "on"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "on" {
  name       = aws_config_configuration_recorder.on.name
  is_enabled = true
}

resource "aws_config_configuration_recorder" "off" {
  name     = "off"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "off" {
  name       = "off"
  is_enabled = false
}

resource "aws_config_configuration_recorder" "never_started" {
  name     = "never-started"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

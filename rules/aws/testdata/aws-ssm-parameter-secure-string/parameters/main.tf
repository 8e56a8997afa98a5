variable "type" {
  type = string
}

resource "aws_ssm_parameter" "secure" {
  name  = "/prod/db/password"
  type  = "SecureString"
  value = "placeholder-set-out-of-band"
}

resource "aws_ssm_parameter" "feature_flags" {
  name  = "/prod/app/feature_flags"
  type  = "String"
  value = "x"
}

resource "aws_ssm_parameter" "settings" {
  for_each = { "/prod/app/log_level" = "info", "/prod/app/api_key" = "k-123" }
  name     = each.key
  type     = "String"
  value    = each.value
}

resource "aws_ssm_parameter" "shaped" {
  name  = "/prod/app/deploy"
  type  = "StringList"
  value = "-----BEGIN RSA PRIVATE KEY-----"
}

resource "aws_ssm_parameter" "configurable" {
  name  = "/prod/app/token"
  type  = var.type
  value = "x"
}

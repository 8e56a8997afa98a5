variable "policy" {
  type = string
}

resource "aws_api_gateway_domain_name" "modern" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"
  security_policy          = "TLS_1_2"
}

resource "aws_api_gateway_domain_name" "enhanced" {
  domain_name              = "api3.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"
  security_policy          = "SecurityPolicy_TLS13_1_3_2025_09"
}

resource "aws_api_gateway_domain_name" "defaulted" {
  domain_name              = "old.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"
}

resource "aws_api_gateway_domain_name" "configurable" {
  domain_name              = "cfg.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"
  security_policy          = var.policy
}

resource "aws_apigatewayv2_domain_name" "per_env" {
  for_each    = { prod = "TLS_1_2", legacy = "TLS_1_0" }
  domain_name = "${each.key}.example.com"

  domain_name_configuration {
    certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"
    endpoint_type   = "REGIONAL"
    security_policy = each.value
  }
}

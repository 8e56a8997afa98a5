variable "stage_arn" {
  type = string
}

resource "aws_api_gateway_stage" "maybe" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "from_variable" {
  resource_arn = var.stage_arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1"
}

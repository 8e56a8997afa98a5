variable "waf" {
  type    = bool
  default = false
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "this" {
  for_each     = var.waf ? toset(["on"]) : toset([])
  resource_arn = aws_api_gateway_stage.this.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1"
}

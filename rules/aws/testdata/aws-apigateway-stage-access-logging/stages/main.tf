variable "log_group_arn" {
  type = string
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "api-access"
  retention_in_days = 365
}

resource "aws_api_gateway_stage" "logged" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}

resource "aws_api_gateway_stage" "silent" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "dev"
}

resource "aws_apigatewayv2_stage" "http" {
  for_each = toset(["prod", "staging"])
  api_id   = "http123"
  name     = each.key

  dynamic "access_log_settings" {
    for_each = each.key == "prod" ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.api.arn
      format          = "$context.requestId"
    }
  }
}

resource "aws_apigatewayv2_stage" "configurable" {
  api_id = "http123"
  name   = "qa"

  access_log_settings {
    destination_arn = var.log_group_arn
    format          = "$context.requestId"
  }
}

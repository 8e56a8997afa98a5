variable "destination" {
  type    = string
  default = null
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"

  dynamic "access_log_settings" {
    for_each = var.destination == null ? [] : [var.destination]
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}

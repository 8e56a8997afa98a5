variable "auth" {
  type = string
}

resource "aws_api_gateway_method" "secured" {
  rest_api_id   = "abc123"
  resource_id   = "res1"
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "open" {
  rest_api_id   = "abc123"
  resource_id   = "res1"
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = "abc123"
  resource_id   = "res1"
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "configurable" {
  rest_api_id   = "abc123"
  resource_id   = "res1"
  http_method   = "PUT"
  authorization = var.auth
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "http" {
  for_each           = { "GET /orders" = "JWT", "GET /health" = "NONE" }
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  authorization_type = each.value
}

resource "aws_apigatewayv2_route" "catch_all" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
}

resource "aws_apigatewayv2_route" "ws_default" {
  api_id    = aws_apigatewayv2_api.ws.id
  route_key = "$default"
}

resource "aws_apigatewayv2_route" "ws_connect" {
  api_id    = aws_apigatewayv2_api.ws.id
  route_key = "$connect"
}

resource "aws_apigatewayv2_route" "elsewhere" {
  api_id    = "api-from-another-stack"
  route_key = "$default"
}

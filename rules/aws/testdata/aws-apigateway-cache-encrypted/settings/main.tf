variable "encrypt" {
  type = bool
}

resource "aws_api_gateway_method_settings" "encrypted" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}

resource "aws_api_gateway_method_settings" "plain" {
  for_each    = toset(["orders/GET", "accounts/GET"])
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = each.key

  settings {
    caching_enabled = true
  }
}

resource "aws_api_gateway_method_settings" "no_cache" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "health/GET"

  settings {
    metrics_enabled = true
  }
}

resource "aws_api_gateway_method_settings" "configurable" {
  rest_api_id = "a1b2c3"
  stage_name  = "prod"
  method_path = "search/GET"

  settings {
    caching_enabled      = true
    cache_data_encrypted = var.encrypt
  }
}

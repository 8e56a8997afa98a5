variable "auth" {
  type = string
}

resource "aws_lambda_function_url" "internal" {
  function_name      = "reports"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function_url" "open" {
  function_name      = "webhook"
  authorization_type = "NONE"
}

resource "aws_lambda_function_url" "configurable" {
  function_name      = "export"
  authorization_type = var.auth
}

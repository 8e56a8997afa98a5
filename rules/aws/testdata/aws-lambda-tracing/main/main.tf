variable "setting" {
  type = string
}

resource "aws_lambda_function" "good" {
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "absent" {
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
}

resource "aws_lambda_function" "per_env" {
  for_each = { prod = "Active", dev = "PassThrough" }
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  tracing_config {
    mode = each.value
  }
}

resource "aws_lambda_function" "configurable" {
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"
  tracing_config {
    mode = var.setting
  }
}

variable "runtime" {
  type = string
}

resource "aws_lambda_function" "current" {
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.13"
  handler       = "app.handler"
}

resource "aws_lambda_function" "image" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/worker:1.0"
}

resource "aws_lambda_function" "per_service" {
  for_each      = { api = "nodejs22.x", legacy = "nodejs16.x", etl = "python3.9" }
  function_name = each.key
  role          = "arn:aws:iam::111122223333:role/${each.key}"
  runtime       = each.value
  handler       = "index.handler"
}

resource "aws_lambda_function" "configurable" {
  function_name = "cfg"
  role          = "arn:aws:iam::111122223333:role/cfg"
  runtime       = var.runtime
  handler       = "app.handler"
}

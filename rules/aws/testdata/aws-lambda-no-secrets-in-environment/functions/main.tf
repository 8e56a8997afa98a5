variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
}

resource "aws_lambda_function" "clean" {
  function_name = "orders"
  role          = "arn:aws:iam::111122223333:role/orders"
  runtime       = "python3.12"
  handler       = "app.handler"

  environment {
    variables = {
      DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.db.arn
      DB_PASSWORD            = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db"
      LOG_LEVEL              = "info"
    }
  }
}

resource "aws_lambda_function" "named" {
  function_name = "billing"
  role          = "arn:aws:iam::111122223333:role/billing"
  runtime       = "python3.12"
  handler       = "app.handler"

  environment {
    variables = {
      STRIPE_API_KEY = "not-a-real-key-but-literal"
    }
  }
}

resource "aws_lambda_function" "shaped" {
  for_each      = { exporter = "AKIAIOSFODNN7EXAMPLE", importer = "eu-west-1" }
  function_name = each.key
  role          = "arn:aws:iam::111122223333:role/etl"
  runtime       = "python3.12"
  handler       = "app.handler"

  environment {
    variables = {
      UPSTREAM = each.value
    }
  }
}

resource "aws_lambda_function" "configurable" {
  function_name = "reports"
  role          = "arn:aws:iam::111122223333:role/reports"
  runtime       = "python3.12"
  handler       = "app.handler"

  environment {
    variables = {
      DB_PASSWORD = var.db_password
    }
  }
}

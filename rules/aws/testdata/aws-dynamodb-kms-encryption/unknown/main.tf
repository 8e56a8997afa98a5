variable "sse" {
  type = bool
}

resource "aws_dynamodb_table" "from_variable" {
  name         = "from-variable"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled = var.sse
  }
}

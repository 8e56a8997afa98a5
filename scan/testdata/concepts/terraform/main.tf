resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_kms_key" "data" {
  description = "no rotation"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

variable "setting" {
  type = bool
}

resource "aws_dynamodb_table" "good" {
  name     = "orders"
  hash_key = "id"
  deletion_protection_enabled = true
}

resource "aws_dynamodb_table" "absent" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_dynamodb_table" "per_env" {
  for_each = { prod = true, dev = false }
  name     = "orders"
  hash_key = "id"
  deletion_protection_enabled = each.value
}

resource "aws_dynamodb_table" "configurable" {
  name     = "orders"
  hash_key = "id"
  deletion_protection_enabled = var.setting
}

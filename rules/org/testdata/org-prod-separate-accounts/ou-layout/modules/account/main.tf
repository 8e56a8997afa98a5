variable "name" {
  type = string
}

variable "parent_id" {
  type = string
}

resource "aws_organizations_account" "this" {
  name      = var.name
  email     = "aws-${var.name}@example.com"
  parent_id = var.parent_id
}

variable "identifier" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = true
}

resource "aws_db_instance" "this" {
  count             = 1
  identifier        = var.identifier
  storage_encrypted = var.encrypted
  engine            = "postgres"
}

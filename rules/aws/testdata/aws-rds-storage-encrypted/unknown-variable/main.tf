variable "encrypt" {
  type = bool
}

resource "aws_db_instance" "configurable" {
  identifier        = "configurable"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
  storage_encrypted = var.encrypt
}

resource "aws_db_instance" "fixed" {
  identifier        = "fixed"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
  storage_encrypted = true
}

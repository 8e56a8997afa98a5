variable "deletion_protection" {
  type = bool
}

resource "aws_db_instance" "from_variable" {
  identifier          = "from-variable"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  deletion_protection = var.deletion_protection
}

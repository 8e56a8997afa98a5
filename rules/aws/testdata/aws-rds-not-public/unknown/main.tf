variable "public" {
  type = bool
}

resource "aws_db_instance" "from_variable" {
  identifier          = "from-variable"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  publicly_accessible = var.public
}

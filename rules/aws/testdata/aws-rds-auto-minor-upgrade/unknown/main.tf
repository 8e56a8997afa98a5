variable "auto_minor_version_upgrade" {
  type = bool
}

resource "aws_db_instance" "from_variable" {
  identifier                 = "from-variable"
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  allocated_storage          = 20
  auto_minor_version_upgrade = var.auto_minor_version_upgrade
}

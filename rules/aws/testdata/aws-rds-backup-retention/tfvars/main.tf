variable "retention_days" {
  type    = number
  default = 1
}

resource "aws_db_instance" "app" {
  identifier              = "app"
  engine                  = "postgres"
  instance_class          = "db.t4g.small"
  allocated_storage       = 20
  username                = "app"
  manage_master_user_password = true
  backup_retention_period = var.retention_days
}

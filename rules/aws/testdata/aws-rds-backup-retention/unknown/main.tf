variable "retention" {
  type = number
}

variable "source_db" {
  type = string
}

resource "aws_db_instance" "from_variable" {
  identifier              = "from-variable"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = var.retention
}

# May be a read replica, whose own backups are not judged.
resource "aws_db_instance" "maybe_replica" {
  identifier          = "maybe-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = var.source_db
}

resource "aws_db_instance" "week" {
  identifier              = "week"
  engine                  = "postgres"
  instance_class          = "db.t4g.small"
  allocated_storage       = 20
  username                = "app"
  manage_master_user_password = true
  backup_retention_period = 7
}

resource "aws_db_instance" "default" {
  identifier        = "default"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "none" {
  identifier              = "none"
  engine                  = "postgres"
  instance_class          = "db.t4g.small"
  allocated_storage       = 20
  username                = "app"
  manage_master_user_password = true
  backup_retention_period = 0
}

resource "aws_rds_cluster" "month" {
  cluster_identifier          = "month"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  backup_retention_period     = 30
}

resource "aws_rds_cluster" "short" {
  cluster_identifier          = "short"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  backup_retention_period     = 3
}

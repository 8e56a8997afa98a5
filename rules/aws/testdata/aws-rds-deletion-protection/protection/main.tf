resource "aws_db_instance" "protected" {
  identifier          = "protected"
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  deletion_protection = true
}

resource "aws_db_instance" "unprotected" {
  identifier        = "unprotected"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "protected" {
  cluster_identifier          = "protected"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  deletion_protection         = true
}

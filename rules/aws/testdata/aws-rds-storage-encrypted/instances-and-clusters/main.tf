resource "aws_db_instance" "encrypted" {
  identifier        = "encrypted"
  engine            = "mysql"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "admin"
  manage_master_user_password = true
  storage_encrypted = true
}

resource "aws_db_instance" "plain" {
  identifier        = "plain"
  engine            = "mysql"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "admin"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "plain" {
  cluster_identifier          = "plain"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = false
}

resource "aws_rds_cluster" "serverless_v1" {
  cluster_identifier          = "legacy-serverless"
  engine                      = "aurora-postgresql"
  engine_mode                 = "serverless"
  master_username             = "app"
  manage_master_user_password = true
}

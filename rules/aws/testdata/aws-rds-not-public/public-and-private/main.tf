resource "aws_db_instance" "exposed" {
  identifier          = "exposed"
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  publicly_accessible = true
}

resource "aws_db_instance" "internal" {
  identifier        = "internal"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "reader" {
  identifier          = "reader"
  cluster_identifier  = "main"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = true
}

resource "aws_db_instance" "default" {
  identifier        = "default"
  engine            = "postgres"
  instance_class    = "db.t4g.small"
  allocated_storage = 20
  username          = "app"
  manage_master_user_password = true
}

resource "aws_db_instance" "pinned" {
  identifier                 = "pinned"
  engine                     = "postgres"
  instance_class             = "db.t4g.small"
  allocated_storage          = 20
  username                   = "app"
  manage_master_user_password = true
  auto_minor_version_upgrade = false
}

resource "aws_rds_cluster_instance" "reader" {
  identifier                 = "reader"
  cluster_identifier         = "main"
  instance_class             = "db.r6g.large"
  engine                     = "aurora-postgresql"
  auto_minor_version_upgrade = true
}

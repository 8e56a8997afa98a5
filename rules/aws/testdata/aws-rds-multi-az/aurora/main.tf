resource "aws_rds_cluster" "main" {
  cluster_identifier          = "main"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster_instance" "main" {
  count              = 2
  identifier         = "main-${count.index}"
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.main.engine
}

resource "aws_rds_cluster" "single" {
  cluster_identifier          = "single"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "single" {
  identifier         = "single-0"
  cluster_identifier = aws_rds_cluster.single.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "zoned" {
  cluster_identifier          = "zoned"
  engine                      = "aurora-mysql"
  availability_zones          = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  master_username             = "app"
  manage_master_user_password = true
}

variable "iam" {
  type = bool
}

resource "aws_db_instance" "iam" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t4g.medium"
  iam_database_authentication_enabled = true
}

resource "aws_db_instance" "passwords" {
  identifier     = "billing"
  engine         = "mysql"
  instance_class = "db.t4g.medium"
}

resource "aws_db_instance" "oracle" {
  identifier     = "erp"
  engine         = "oracle-se2"
  instance_class = "db.m5.large"
}

resource "aws_rds_cluster" "per_env" {
  for_each                            = { prod = true, dev = false }
  cluster_identifier                  = each.key
  engine                              = "aurora-postgresql"
  iam_database_authentication_enabled = each.value
}

resource "aws_rds_cluster" "configurable" {
  cluster_identifier                  = "cfg"
  engine                              = "aurora-mysql"
  iam_database_authentication_enabled = var.iam
}

variable "exports" {
  type = list(string)
}

resource "aws_db_instance" "postgres" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.t4g.medium"
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "mysql_errors_only" {
  identifier                      = "billing"
  engine                          = "mysql"
  instance_class                  = "db.t4g.medium"
  enabled_cloudwatch_logs_exports = ["error"]
}

resource "aws_db_instance" "sqlserver" {
  identifier                      = "erp"
  engine                          = "sqlserver-se"
  instance_class                  = "db.m5.large"
  enabled_cloudwatch_logs_exports = ["error"]
}

resource "aws_rds_cluster" "per_env" {
  for_each                        = { prod = ["audit", "error"], dev = [] }
  cluster_identifier              = each.key
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = each.value
}

resource "aws_rds_cluster" "configurable" {
  cluster_identifier              = "cfg"
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = var.exports
}

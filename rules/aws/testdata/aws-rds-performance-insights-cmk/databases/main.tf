variable "pi" {
  type = bool
}

resource "aws_kms_key" "pi" {
  description         = "performance insights"
  enable_key_rotation = true
}

resource "aws_db_instance" "customer" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.t4g.medium"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.pi.arn
}

resource "aws_db_instance" "managed" {
  identifier                   = "billing"
  engine                       = "postgres"
  instance_class               = "db.t4g.medium"
  performance_insights_enabled = true
}

resource "aws_db_instance" "off" {
  identifier     = "reports"
  engine         = "postgres"
  instance_class = "db.t4g.medium"
}

resource "aws_rds_cluster_instance" "members" {
  for_each                     = toset(["a", "b"])
  identifier                   = "orders-${each.key}"
  cluster_identifier           = "orders"
  instance_class               = "db.r6g.large"
  performance_insights_enabled = true
}

resource "aws_rds_cluster" "configurable" {
  cluster_identifier           = "cfg"
  engine                       = "aurora-postgresql"
  performance_insights_enabled = var.pi
}

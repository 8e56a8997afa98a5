variable "source_db" {
  type = string
}

variable "engine_mode" {
  type = string
}

# May be a read replica, which takes its encryption from its source.
resource "aws_db_instance" "maybe_replica" {
  identifier          = "maybe-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = var.source_db
}

# May be a serverless (v1) cluster, which is always encrypted.
resource "aws_rds_cluster" "maybe_serverless" {
  cluster_identifier = "maybe-serverless"
  engine             = "aurora-postgresql"
  engine_mode        = var.engine_mode
}

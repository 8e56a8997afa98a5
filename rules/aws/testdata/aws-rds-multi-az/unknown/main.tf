variable "multi_az" {
  type = bool
}

variable "source_db" {
  type = string
}

variable "instance_class" {
  type = string
}

resource "aws_db_instance" "from_variable" {
  identifier        = "from-variable"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  multi_az          = var.multi_az
}

# May be a read replica, which is not judged.
resource "aws_db_instance" "maybe_replica" {
  identifier          = "maybe-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = var.source_db
}

# May be a Multi-AZ DB cluster.
resource "aws_rds_cluster" "maybe_multi_az_cluster" {
  cluster_identifier        = "maybe-multi-az"
  engine                    = "postgres"
  db_cluster_instance_class = var.instance_class
}

locals {
  databases = {
    billing = { public = false }
    demo    = { public = true }
  }
}

resource "aws_db_instance" "this" {
  for_each            = local.databases
  identifier          = each.key
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  publicly_accessible = each.value.public
}

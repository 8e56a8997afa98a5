variable "accounts" {
  type = list(string)
}

resource "aws_db_snapshot" "private" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-before-migration"
}

resource "aws_db_snapshot" "partner" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-for-partner"
  shared_accounts        = ["444455556666"]
}

resource "aws_db_cluster_snapshot" "per_env" {
  for_each                       = { prod = ["444455556666"], demo = ["all"] }
  db_cluster_identifier          = each.key
  db_cluster_snapshot_identifier = "${each.key}-snap"
  shared_accounts                = each.value
}

resource "aws_db_snapshot_copy" "configurable" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:111122223333:snapshot:orders"
  target_db_snapshot_identifier = "orders-copy"
  shared_accounts               = var.accounts
}

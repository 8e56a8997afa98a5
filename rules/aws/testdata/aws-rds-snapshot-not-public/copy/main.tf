resource "aws_db_snapshot_copy" "public" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:111122223333:snapshot:orders"
  target_db_snapshot_identifier = "orders-public"
  shared_accounts               = ["all"]
}

resource "aws_db_snapshot_copy" "private" {
  source_db_snapshot_identifier = "arn:aws:rds:eu-west-1:111122223333:snapshot:orders"
  target_db_snapshot_identifier = "orders-private"
}

module "sessions" {
  source = "./modules/table"
  name   = "sessions"
  pitr   = false
}

module "ledger" {
  source = "./modules/table"
  name   = "ledger"
}

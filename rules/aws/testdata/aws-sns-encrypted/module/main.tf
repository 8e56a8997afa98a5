module "encrypted" {
  source = "./modules/topic"
  name   = "orders"
  key    = "alias/aws/sns"
}

module "plain" {
  source = "./modules/topic"
  name   = "debug"
}

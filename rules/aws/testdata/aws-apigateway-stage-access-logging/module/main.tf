module "logged" {
  source      = "./modules/stage"
  destination = "arn:aws:logs:eu-west-1:111122223333:log-group:api"
}

module "silent" {
  source = "./modules/stage"
}

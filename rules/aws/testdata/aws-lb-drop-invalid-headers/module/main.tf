module "shop" {
  source                     = "./modules/alb"
  name                       = "shop"
  drop_invalid_header_fields = true
}

module "admin" {
  source = "./modules/alb"
  name   = "admin"
}

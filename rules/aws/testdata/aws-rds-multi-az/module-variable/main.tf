variable "environments" {
  type = map(bool)
  default = {
    production = true
    staging    = false
  }
}

module "db" {
  source   = "./modules/postgres"
  for_each = var.environments
  name     = each.key
  multi_az = each.value
}

locals {
  log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}

module "cluster" {
  source    = "./modules/eks"
  name      = "prod"
  log_types = local.log_types
}

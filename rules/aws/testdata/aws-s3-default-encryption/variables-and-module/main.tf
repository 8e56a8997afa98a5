variable "algorithm" {
  type    = string
  default = "AES256"
}

module "store" {
  source    = "./modules/store"
  name      = "acme-store"
  algorithm = var.algorithm
}

module "bare" {
  source = "./modules/store"
  name   = "acme-bare"
}

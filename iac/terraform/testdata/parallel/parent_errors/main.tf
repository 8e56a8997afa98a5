variable "names" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  broken = var.names + 1
  fine   = join("-", var.names)
  tags   = { Owner = "team", Names = local.fine }
}

module "a" {
  source = "./modules/bucket"
  name   = "a-${local.broken}"
  tags   = local.tags
}

module "b" {
  source = "./modules/bucket"
  name   = "b-${local.broken}"
  tags   = local.tags
}

module "c" {
  source = "./modules/bucket"
  name   = "c-${local.fine}"
  tags   = local.tags
}

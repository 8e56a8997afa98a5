module "first" {
  source = "./modules/bucket"
  name   = "first"
  color  = "red"
}

module "second" {
  source = "./modules/bucket"
  name   = "second"
  size   = 3
}

module "d1" {
  source = "./modules/dup"
  name   = "one"
}

module "d2" {
  source = "./modules/dup"
  name   = "two"
  shade  = "blue"
}

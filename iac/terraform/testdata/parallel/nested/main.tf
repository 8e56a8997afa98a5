module "one" {
  source = "./modules/outer"
  prefix = "one"
  names  = ["a", "b"]
}

module "two" {
  source = "./modules/outer"
  prefix = "two"
  names  = ["a", "c", "d"]
}

module "three" {
  source = "./modules/outer"
  prefix = "three"
  names  = ["b"]
}

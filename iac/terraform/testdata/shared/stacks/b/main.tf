module "one" {
  source = "../../modules/bucket"
  names  = ["z"]
}

module "two" {
  source = "./../../modules/bucket"
  names  = [for s in ["p", "q"] : "${s}2"]
}

output "all" {
  value = concat(module.one.buckets, module.two.buckets)
}

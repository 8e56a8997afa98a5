module "prod" {
  source = "./network"
  auto   = false
}

module "legacy" {
  source = "./network"
  auto   = true
}

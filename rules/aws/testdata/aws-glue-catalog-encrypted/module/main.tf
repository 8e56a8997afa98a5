module "prod" {
  source     = "./modules/catalog"
  catalog_id = "111122223333"
  mode       = "SSE-KMS-WITH-SERVICE-ROLE"
}

module "dev" {
  source     = "./modules/catalog"
  catalog_id = "444455556666"
}

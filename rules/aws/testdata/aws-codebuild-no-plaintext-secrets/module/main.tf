module "deploy" {
  source = "./modules/build"
  name   = "deploy"
  env = {
    AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
    REGION            = "eu-west-1"
  }
}

module "docs" {
  source = "./modules/build"
  name   = "docs"
  env = {
    SITE = "docs.example.com"
  }
}

module "b" { source = "../../modules/bucket" }

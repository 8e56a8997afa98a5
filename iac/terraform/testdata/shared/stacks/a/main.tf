module "one" {
  source = "../../modules/bucket"
  names  = ["x", "y"]
}

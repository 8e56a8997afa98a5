module "keys" {
  source = "../modules/keys"
  rotate = true
}

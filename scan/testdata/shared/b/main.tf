module "keys" {
  source = "../modules/keys"
  rotate = false
}

module "archive" {
  source = "./archive"
  locked = true
}

module "draft" {
  source = "./archive"
  locked = false
}

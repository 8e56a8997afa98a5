module "key" {
  source  = "./key"
  members = ["group:crypto@acme.com"]
}

module "leaky" {
  source  = "./key"
  members = ["group:crypto@acme.com", "allAuthenticatedUsers"]
}

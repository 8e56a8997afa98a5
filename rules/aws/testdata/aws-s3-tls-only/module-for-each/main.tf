module "buckets" {
  source   = "./modules/bucket"
  for_each = toset(["invoices", "exports"])
  name     = "acme-${each.key}"
}

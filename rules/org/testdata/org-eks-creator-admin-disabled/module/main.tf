module "clusters" {
  source          = "./modules/cluster"
  for_each        = { prod = false, dev = true }
  name            = each.key
  creator_is_admin = each.value
}

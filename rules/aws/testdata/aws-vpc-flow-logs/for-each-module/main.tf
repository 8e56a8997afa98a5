module "network" {
  source   = "./modules/network"
  for_each = { prod = "10.10.0.0/16", dev = "10.20.0.0/16" }
  cidr     = each.value
  flow_logs = each.key == "prod"
}

module "sg" {
  source = "./modules/sg"
  for_each = {
    public   = "0.0.0.0/0"
    internal = "10.0.0.0/16"
  }
  name = each.key
  cidr = each.value
}

# Facts about the input that limit the scan, none of them a mistake.

data "aws_availability_zones" "zones" {}

# How many zones there are is read from the cloud when Terraform plans.
resource "aws_subnet" "private" {
  count      = length(data.aws_availability_zones.zones.names)
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}

module "per_zone" {
  source   = "./modules/zone"
  for_each = toset(data.aws_availability_zones.zones.names)
  zone     = each.key
}

# terraform init has not run: the module is not on disk.
module "network" {
  source  = "registry.example.test/acme/network/aws"
  version = "1.0.0"
}

resource "aws_security_group_rule" "ports" {
  count     = 5
  from_port = count.index
  to_port   = count.index
}

# Five instances of a module, three loaded: how many resources the other two
# hold is not known.
module "many" {
  source = "./modules/zone"
  count  = 5
  zone   = "eu-west-1a"
}

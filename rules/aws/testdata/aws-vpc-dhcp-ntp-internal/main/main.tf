variable "ntp" {
  type = string
}

resource "aws_vpc_dhcp_options" "time_sync" {
  domain_name_servers = ["AmazonProvidedDNS"]
  ntp_servers         = ["169.254.169.123"]
}

resource "aws_vpc_dhcp_options" "no_ntp" {
  domain_name_servers = ["AmazonProvidedDNS"]
}

resource "aws_vpc_dhcp_options" "internal" {
  domain_name_servers = ["AmazonProvidedDNS"]
  ntp_servers         = ["10.0.0.10", "172.20.1.5", "fd00:ec2::123"]
}

resource "aws_vpc_dhcp_options" "pool" {
  domain_name_servers = ["AmazonProvidedDNS"]
  ntp_servers         = ["10.0.0.10", "162.159.200.123"]
}

resource "aws_vpc_dhcp_options" "per_vpc" {
  for_each            = { core = "192.168.0.5", edge = "129.6.15.28" }
  domain_name_servers = ["AmazonProvidedDNS"]
  ntp_servers         = [each.value]
}

resource "aws_vpc_dhcp_options" "configurable" {
  domain_name_servers = ["AmazonProvidedDNS"]
  ntp_servers         = ["10.0.0.10", var.ntp]
}

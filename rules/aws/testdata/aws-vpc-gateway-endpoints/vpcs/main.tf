resource "aws_vpc" "covered" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "covered_private" {
  vpc_id     = aws_vpc.covered.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_vpc_endpoint" "covered" {
  for_each          = toset(["s3", "dynamodb"])
  vpc_id            = aws_vpc.covered.id
  service_name      = "com.amazonaws.eu-west-1.${each.key}"
  vpc_endpoint_type = "Gateway"
}

resource "aws_vpc" "nat_only" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "nat_only_private" {
  vpc_id     = aws_vpc.nat_only.id
  cidr_block = "10.1.1.0/24"
}

resource "aws_vpc_endpoint" "nat_only_s3" {
  vpc_id       = aws_vpc.nat_only.id
  service_name = "com.amazonaws.eu-west-1.s3"
}

# Only public subnets: nothing to route privately.
resource "aws_vpc" "public" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.public.id
  cidr_block              = "10.2.1.0/24"
  map_public_ip_on_launch = true
}

variable "subnet_id" {
  type = string
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "private" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private.id
}

resource "aws_instance" "in_public_subnet" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.public.id
}

resource "aws_instance" "opted_out" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = false
}

resource "aws_instance" "default_vpc" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "elsewhere" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = var.subnet_id
}

resource "aws_launch_template" "per_tier" {
  for_each = { app = false, bastion = true }
  name     = each.key

  network_interfaces {
    associate_public_ip_address = each.value
    subnet_id                   = aws_subnet.private.id
  }
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "ports" {
  type    = list(number)
  default = [22, 3389, 8080]
}

resource "aws_security_group" "dynamic" {
  name   = "dynamic"
  vpc_id = "vpc-0a1b2c3d"

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = var.admin_cidrs
    }
  }
}

variable "unset_cidr" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "from_var" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = var.unset_cidr
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

variable "rules" {
  type = list(object({ from_port = number, to_port = number, protocol = string, cidr_blocks = list(string) }))
}

resource "aws_default_security_group" "from_variable" {
  vpc_id = "vpc-0123456789abcdef0"
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value.from_port
      to_port     = ingress.value.to_port
      protocol    = ingress.value.protocol
      cidr_blocks = ingress.value.cidr_blocks
    }
  }
}

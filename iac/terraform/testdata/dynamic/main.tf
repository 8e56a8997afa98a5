variable "ingress" {
  default = [
    { port = 443, cidrs = ["10.0.0.0/8"] },
    { port = 22, cidrs = ["0.0.0.0/0"] },
  ]
}

resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["192.168.0.0/16"]
  }

  dynamic "ingress" {
    for_each = var.ingress
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs
      description = "rule ${rule.key}"
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

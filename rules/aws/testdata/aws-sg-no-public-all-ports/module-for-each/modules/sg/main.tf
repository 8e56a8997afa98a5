variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

resource "aws_security_group" "this" {
  name = var.name

  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }
}

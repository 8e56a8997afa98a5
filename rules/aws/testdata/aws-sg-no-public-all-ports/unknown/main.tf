variable "cidr" {
  type = string
}

variable "rule" {
  type = object({
    from_port   = number
    to_port     = number
    protocol    = string
    cidr_blocks = list(string)
  })
}

resource "aws_security_group" "cidr_unknown" {
  name   = "cidr-unknown"
  vpc_id = "vpc-0a"

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.cidr]
  }
}

# An ingress element unknown as a whole.
resource "aws_security_group" "rule_unknown" {
  name   = "rule-unknown"
  vpc_id = "vpc-0a"
  ingress = [merge(var.rule, {
    description      = "from a variable"
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
  })]
}

resource "aws_vpc_security_group_ingress_rule" "cidr_unknown" {
  security_group_id = "sg-0a"
  ip_protocol       = "-1"
  cidr_ipv4         = var.cidr
}

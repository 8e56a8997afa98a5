resource "aws_network_acl" "open" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    protocol   = "tcp"
    rule_no    = 110
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl" "web" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    protocol   = "-1"
    rule_no    = 200
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl_rule" "rdp" {
  for_each       = { deny = "deny", allow = "allow" }
  network_acl_id = aws_network_acl.web.id
  rule_number    = each.key == "deny" ? 50 : 60
  egress         = false
  protocol       = "tcp"
  rule_action    = each.value
  cidr_block     = "0.0.0.0/0"
  from_port      = 3000
  to_port        = 4000
}

resource "aws_network_acl_rule" "everything_out" {
  network_acl_id = aws_network_acl.web.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

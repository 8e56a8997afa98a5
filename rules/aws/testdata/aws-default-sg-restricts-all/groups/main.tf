resource "aws_vpc" "this" {
  for_each   = toset(["a", "b"])
  cidr_block = each.key == "a" ? "10.0.0.0/16" : "10.1.0.0/16"
}

resource "aws_default_security_group" "empty" {
  vpc_id = aws_vpc.this["a"].id
}

resource "aws_default_security_group" "permissive" {
  vpc_id = aws_vpc.this["b"].id
  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

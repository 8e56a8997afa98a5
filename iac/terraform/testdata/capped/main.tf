resource "aws_s3_bucket" "many" {
  for_each = { for i in range(10) : format("b%02d", i) => i }
  bucket   = "bucket-${each.value}"
}

resource "aws_security_group_rule" "ports" {
  count     = 65536
  type      = "ingress"
  from_port = count.index
  to_port   = count.index
  protocol  = "tcp"
}

resource "aws_s3_bucket" "product" {
  acl  = "private"
  tags = { n = length(setproduct(range(1000), range(1000), range(1000))) }
}

resource "aws_s3_bucket" "nested_for" {
  acl    = "private"
  bucket = length([for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]])
}

resource "aws_s3_bucket" "range" {
  acl    = "private"
  bucket = length(range(1000000000))
}

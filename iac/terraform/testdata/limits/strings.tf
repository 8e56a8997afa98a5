locals {
  mb = join("", [for i in range(1024) : "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"])
}

resource "aws_s3_bucket" "strings" {
  acl      = "private"
  bucket   = join(local.mb, range(100))
  policy   = format("%999999999d", 1)
  website  = replace(local.mb, "", local.mb)
  logging  = indent(100000000, "a\nb\nc")
  template = "${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}${local.mb}"
  json     = jsonencode([for i in range(100) : local.mb])
  shared   = length([for i in range(200) : local.mb])
  fine     = "${substr(local.mb, 0, 4)}-${length(local.mb)}"
}

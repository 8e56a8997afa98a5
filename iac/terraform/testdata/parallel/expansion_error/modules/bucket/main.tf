variable "name" { type = string }
variable "tags" {
  type    = map(string)
  default = {}
}
variable "extra" {
  type    = string
  default = ""
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = merge(var.tags, { Extra = var.extra })
}

output "arn" { value = "arn:aws:s3:::${aws_s3_bucket.this.bucket}" }
output "name" { value = aws_s3_bucket.this.bucket }

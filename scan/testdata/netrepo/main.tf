variable "endpoint" {
  type = string
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
  tags = {
    endpoint = var.endpoint
  }
}

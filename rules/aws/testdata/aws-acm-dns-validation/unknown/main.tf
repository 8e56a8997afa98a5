variable "method" {
  type = string
}

resource "aws_acm_certificate" "from_variable" {
  domain_name       = "example.com"
  validation_method = var.method
}

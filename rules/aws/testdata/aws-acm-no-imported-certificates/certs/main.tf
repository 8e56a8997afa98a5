resource "aws_acm_certificate" "issued" {
  for_each          = toset(["example.com"])
  domain_name       = each.key
  validation_method = "DNS"
}

resource "aws_acm_certificate" "imported" {
  private_key      = file("${path.module}/key.pem")
  certificate_body = file("${path.module}/cert.pem")
}

resource "aws_acm_certificate" "dns" {
  for_each          = toset(["example.com", "example.org"])
  domain_name       = each.key
  validation_method = "DNS"
}

resource "aws_acm_certificate" "email" {
  domain_name       = "example.net"
  validation_method = "EMAIL"
}

resource "aws_acm_certificate" "private_ca" {
  domain_name               = "internal.example.com"
  certificate_authority_arn = "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/12345678-1234-1234-1234-123456789012"
}

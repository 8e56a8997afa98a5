resource "aws_route53_zone" "enforced" {
  name = "example.com"
}

resource "aws_route53_record" "enforced_mx" {
  zone_id = aws_route53_zone.enforced.zone_id
  name    = "example.com"
  type    = "MX"
  ttl     = 3600
  records = ["10 inbound-smtp.eu-west-1.amazonaws.com"]
}

resource "aws_route53_record" "enforced_dmarc" {
  zone_id = aws_route53_zone.enforced.zone_id
  name    = "_dmarc.example.com"
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1; p=reject; rua=mailto:dmarc@example.com"]
}

resource "aws_route53_zone" "brands" {
  for_each = toset(["example.net", "example.org"])
  name     = each.key
}

resource "aws_route53_record" "brands_mx" {
  for_each = aws_route53_zone.brands
  zone_id  = each.value.zone_id
  name     = each.key
  type     = "MX"
  ttl      = 3600
  records  = ["10 mx.example.com"]
}

resource "aws_route53_record" "net_dmarc" {
  zone_id = aws_route53_zone.brands["example.net"].zone_id
  name    = "_dmarc"
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1;p=quarantine;pct=100"]
}

resource "aws_route53_zone" "monitoring_only" {
  name = "example.io"
}

resource "aws_route53_record" "monitoring_mx" {
  zone_id = aws_route53_zone.monitoring_only.zone_id
  name    = "example.io"
  type    = "MX"
  ttl     = 3600
  records = ["10 mx.example.com"]
}

resource "aws_route53_record" "monitoring_dmarc" {
  zone_id = aws_route53_zone.monitoring_only.zone_id
  name    = "_dmarc.example.io."
  type    = "TXT"
  ttl     = 300
  records = ["v=DMARC1; p=none; rua=mailto:dmarc@example.com"]
}

resource "aws_route53_zone" "no_mail" {
  name = "static.example.com"
}

resource "aws_route53_record" "no_mail_www" {
  zone_id = aws_route53_zone.no_mail.zone_id
  name    = "www"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10"]
}

resource "aws_route53_zone" "internal" {
  name = "corp.internal"
  vpc {
    vpc_id = "vpc-0a1b2c3d"
  }
}

resource "aws_route53_record" "internal_mx" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "corp.internal"
  type    = "MX"
  ttl     = 3600
  records = ["10 mail.corp.internal"]
}

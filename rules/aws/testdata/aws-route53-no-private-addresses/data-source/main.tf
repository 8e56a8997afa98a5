variable "zone_id" {
  type = string
}

data "aws_route53_zone" "main" {
  name = "example.com"
}

data "aws_route53_zone" "internal" {
  name         = "internal.example.com"
  private_zone = true
}

resource "aws_route53_record" "db" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "db"
  type    = "A"
  ttl     = 300
  records = ["10.20.1.15"]
}

resource "aws_route53_record" "db_internal" {
  zone_id = data.aws_route53_zone.internal.zone_id
  name    = "db"
  type    = "A"
  ttl     = 300
  records = ["10.20.1.15"]
}

resource "aws_route53_record" "elsewhere" {
  zone_id = var.zone_id
  name    = "cache"
  type    = "A"
  ttl     = 300
  records = ["10.20.1.16"]
}

resource "aws_route53_record" "literal" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "www"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10"]
}

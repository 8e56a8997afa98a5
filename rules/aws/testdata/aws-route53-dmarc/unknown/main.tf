variable "dmarc_policy" {
  type = string
}

resource "aws_route53_zone" "this" {
  name = "example.com"
}

resource "aws_route53_record" "mx" {
  zone_id = aws_route53_zone.this.zone_id
  name    = "example.com"
  type    = "MX"
  ttl     = 3600
  records = ["10 mx.example.com"]
}

resource "aws_route53_record" "dmarc" {
  zone_id = aws_route53_zone.this.zone_id
  name    = "_dmarc"
  type    = "TXT"
  ttl     = 300
  records = [var.dmarc_policy]
}

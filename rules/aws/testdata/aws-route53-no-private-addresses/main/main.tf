resource "aws_route53_zone" "public" {
  name = "example.com"
}

resource "aws_route53_zone" "internal" {
  name = "internal.example.com"
  vpc {
    vpc_id = "vpc-0a1b2c3d"
  }
}

resource "aws_instance" "db" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10"]
}

resource "aws_route53_record" "db_public" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "db"
  type    = "A"
  ttl     = 300
  records = ["10.20.1.15"]
}

resource "aws_route53_record" "hosts" {
  for_each = { cache = "172.31.4.2", api = "198.51.100.7" }
  zone_id  = aws_route53_zone.public.zone_id
  name     = each.key
  type     = "A"
  ttl      = 300
  records  = [each.value]
}

resource "aws_route53_record" "v6" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "v6"
  type    = "AAAA"
  ttl     = 300
  records = ["fd12:3456:789a::1"]
}

resource "aws_route53_record" "db_internal" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db"
  type    = "A"
  ttl     = 300
  records = [aws_instance.db.private_ip]
}

resource "aws_route53_record" "db_computed" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "db2"
  type    = "A"
  ttl     = 300
  records = [aws_instance.db.private_ip]
}

resource "aws_route53_record" "txt" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "note"
  type    = "TXT"
  ttl     = 300
  records = ["10.0.0.1"]
}

resource "aws_route53_zone" "logged" {
  name = "example.com"
}

resource "aws_cloudwatch_log_group" "dns" {
  name              = "/aws/route53/example.com"
  retention_in_days = 365
}

resource "aws_route53_query_log" "logged" {
  zone_id                  = aws_route53_zone.logged.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
}

resource "aws_route53_zone" "silent" {
  for_each = toset(["example.org"])
  name     = each.key
}

resource "aws_route53_zone" "internal" {
  name = "internal.example.com"
  vpc {
    vpc_id = "vpc-0123456789abcdef0"
  }
}

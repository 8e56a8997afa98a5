variable "zone_id" {
  type = string
}

resource "aws_route53_zone" "this" {
  name = "example.com"
}

resource "aws_route53_query_log" "some" {
  zone_id                  = var.zone_id
  cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com"
}

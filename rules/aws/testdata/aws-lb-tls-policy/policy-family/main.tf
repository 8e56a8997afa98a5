locals {
  policies = {
    res   = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"
    tls13 = "ELBSecurityPolicy-TLS13-1-3-2021-06"
    fs12  = "ELBSecurityPolicy-FS-1-2-Res-2020-10"
    tls11 = "ELBSecurityPolicy-TLS-1-1-2017-01"
    ext11 = "ELBSecurityPolicy-TLS13-1-1-2021-06"
  }
}

resource "aws_lb_listener" "this" {
  for_each          = local.policies
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = each.value
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"

  default_action {
    type             = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

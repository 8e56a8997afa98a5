resource "aws_lb" "logged" {
  name    = "logged"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket  = "acme-lb-logs"
    prefix  = "logged"
    enabled = true
  }
}

resource "aws_lb" "quiet" {
  name    = "quiet"
  subnets = ["subnet-0a", "subnet-0b"]
}

resource "aws_alb" "disabled" {
  name    = "disabled"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false
  }
}

resource "aws_lb" "gateway" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a"]
}

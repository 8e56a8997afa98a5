variable "protect" {
  type = bool
}

resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a", "subnet-0b"]
  enable_deletion_protection = true
}

resource "aws_lb" "internal" {
  name               = "internal"
  load_balancer_type = "network"
  internal           = true
  subnets            = ["subnet-0a"]
}

resource "aws_alb" "legacy" {
  for_each                   = toset(["blue", "green"])
  name                       = each.key
  subnets                    = ["subnet-0a", "subnet-0b"]
  enable_deletion_protection = false
}

resource "aws_lb" "configurable" {
  name                       = "api"
  subnets                    = ["subnet-0a", "subnet-0b"]
  enable_deletion_protection = var.protect
}

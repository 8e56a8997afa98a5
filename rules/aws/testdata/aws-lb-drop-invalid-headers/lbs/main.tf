variable "drop" {
  type = bool
}

variable "type" {
  type = string
}

resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = ["subnet-0a", "subnet-0b"]
  drop_invalid_header_fields = true
}

resource "aws_lb" "default" {
  name    = "default"
  subnets = ["subnet-0a", "subnet-0b"]
}

resource "aws_alb" "off" {
  name                       = "off"
  subnets                    = ["subnet-0a", "subnet-0b"]
  drop_invalid_header_fields = false
}

resource "aws_lb" "tcp" {
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a"]
}

resource "aws_lb" "configurable" {
  name                       = "api"
  subnets                    = ["subnet-0a", "subnet-0b"]
  drop_invalid_header_fields = var.drop
}

resource "aws_lb" "either" {
  name               = "either"
  load_balancer_type = var.type
  subnets            = ["subnet-0a", "subnet-0b"]
}

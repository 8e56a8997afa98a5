variable "access_logs_enabled" {
  type = bool
}

variable "load_balancer_type" {
  type = string
}

variable "access_logs" {
  type = list(object({ bucket = string, enabled = bool }))
}

resource "aws_lb" "flag" {
  name    = "flag"
  subnets = ["subnet-0a", "subnet-0b"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.access_logs_enabled
  }
}

resource "aws_lb" "dynamic" {
  name    = "dynamic"
  subnets = ["subnet-0a", "subnet-0b"]

  dynamic "access_logs" {
    for_each = var.access_logs
    content {
      bucket  = access_logs.value.bucket
      enabled = access_logs.value.enabled
    }
  }
}

# A gateway load balancer has no access logs; when the type is not known,
# neither is the verdict.
resource "aws_lb" "any_type" {
  name               = "any-type"
  load_balancer_type = var.load_balancer_type
  subnets            = ["subnet-0a"]
}

# Known to be on, whatever the type.
resource "aws_lb" "on_any_type" {
  name               = "on-any-type"
  load_balancer_type = var.load_balancer_type
  subnets            = ["subnet-0a"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = true
  }
}

variable "routes" {
  type = map(object({
    certificate = string
    paths       = optional(map(string), {})
    public      = optional(bool, true)
  }))
}

locals {
  # Iterates each route's paths: null unless the default was applied.
  paths = flatten([
    for rk, r in var.routes : [
      for pk, p in r.paths : { key = "${rk}/${pk}", path = p }
    ]
  ])
  settings = { name = "edge", port = 443 }
}

resource "aws_lb_listener_rule" "path" {
  for_each = { for p in local.paths : p.key => p }
  path     = each.value.path
}

# The condition is null unless the default was applied.
resource "aws_lb_listener" "public" {
  for_each        = { for k, r in var.routes : k => r if r.public }
  certificate_arn = each.value.certificate
}

# length of an object and of a string, as Terraform allows.
resource "aws_lb" "main" {
  count = length(local.settings) == 2 && length(local.settings.name) == 4 ? 1 : 0
  name  = local.settings.name
}

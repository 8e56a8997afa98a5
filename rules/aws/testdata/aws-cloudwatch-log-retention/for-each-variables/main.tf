variable "retention" {
  type = map(number)
  default = {
    audit = 731
    debug = 7
  }
}

variable "unset" {
  type = number
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = var.retention
  name              = "/app/${each.key}"
  retention_in_days = each.value
}

resource "aws_cloudwatch_log_group" "configurable" {
  name              = "/app/configurable"
  retention_in_days = var.unset
}

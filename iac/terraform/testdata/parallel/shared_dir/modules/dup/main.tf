variable "name" { type = string }
variable "name" { type = string }

locals {
  bad = var.name + 1
}

resource "aws_sqs_queue" "q" {
  name = "${var.name}-${local.bad}"
}

variable "name" {
  type = string
}

variable "drop_invalid_header_fields" {
  type    = bool
  default = false
}

resource "aws_lb" "this" {
  name                       = var.name
  subnets                    = ["subnet-0a", "subnet-0b"]
  drop_invalid_header_fields = var.drop_invalid_header_fields
}

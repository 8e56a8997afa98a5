variable "zone" {
  type = string
}

resource "aws_ebs_volume" "data" {
  availability_zone = var.zone
  encrypted         = true
}

resource "aws_ebs_volume" "logs" {
  availability_zone = var.zone
  encrypted         = true
}

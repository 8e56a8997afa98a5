variable "encrypt_volumes" {
  type    = bool
  default = false
}

resource "aws_ebs_volume" "disk" {
  count             = 2
  availability_zone = "eu-west-1a"
  size              = 50
  encrypted         = count.index == 0 ? true : var.encrypt_volumes
}

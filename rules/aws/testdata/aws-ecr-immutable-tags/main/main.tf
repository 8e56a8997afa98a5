variable "setting" {
  type = string
}

resource "aws_ecr_repository" "good" {
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "absent" {
}

resource "aws_ecr_repository" "per_env" {
  for_each = { prod = "IMMUTABLE", dev = "MUTABLE" }
  image_tag_mutability = each.value
}

resource "aws_ecr_repository" "configurable" {
  image_tag_mutability = var.setting
}

variable "setting" {
  type = string
}

resource "aws_ecr_repository" "good" {
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_repository" "absent" {
}

resource "aws_ecr_repository" "per_env" {
  for_each = { prod = "KMS", dev = "AES256" }
  encryption_configuration {
    encryption_type = each.value
  }
}

resource "aws_ecr_repository" "configurable" {
  encryption_configuration {
    encryption_type = var.setting
  }
}

variable "scan_on_push" {
  type = bool
}

resource "aws_ecr_repository" "from_variable" {
  name = "from-variable"

  image_scanning_configuration {
    scan_on_push = var.scan_on_push
  }
}

locals {
  env = terraform.workspace == "prod" ? "prod" : "dev"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-${terraform.workspace}"
  tags = {
    Env  = local.env
    Team = "platform"
  }
}

variable "http_tokens" {
  type = string
}

resource "aws_instance" "from_variable" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.http_tokens
  }
}

resource "aws_launch_template" "from_variable" {
  name = "from-variable"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens
  }
}

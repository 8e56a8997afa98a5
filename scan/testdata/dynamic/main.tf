# An instance whose metadata_options block is repeated through dynamic: the
# rule helper that reads the first block of a name must not conflict.
locals {
  metadata = [
    { tokens = "required" },
    { tokens = "optional" },
  ]
}

resource "aws_instance" "repeated" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  dynamic "metadata_options" {
    for_each = local.metadata
    content {
      http_tokens = metadata_options.value.tokens
    }
  }
}

resource "aws_instance" "single" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_kms_key" "unrotated" {
  description = "no rotation"
}

# Replaces one argument, and the encryption block as a whole; logging stays.
resource "aws_s3_bucket" "data" {
  acl = "private"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

locals {
  name = "payments"
}

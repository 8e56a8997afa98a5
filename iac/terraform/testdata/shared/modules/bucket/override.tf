variable "prefix" {
  default = "prod"
}

resource "aws_s3_bucket" "b" {
  acl = "private"

  logging {
    target_bucket = "central-${each.key}"
  }
}

# Overrides nothing: an error of the module's declarations, which every root
# that calls the module reports.
resource "aws_s3_bucket" "nowhere" {
  acl = "private"
}

resource "aws_kms_key" "k" {
  enable_key_rotation = terraform.workspace == "prod"
}

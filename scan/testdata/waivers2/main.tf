resource "aws_kms_key" "keyed" {
  for_each            = toset(["alpha", "beta"])
  enable_key_rotation = false
}

resource "aws_kms_key" "inside" {
  # attest:ignore aws-kms-key-rotation reason="waiver inside the block" expires=2099-01-31
  enable_key_rotation = false
}

# attest:ignore * reason="everything, no owner" expires=2099-01-31
resource "aws_kms_key" "wildcard_inline" {
  enable_key_rotation = false
}

module "first" {
  source = "./modules/key"
}

module "second" {
  source = "./modules/key"
}

module "vendor" {
  source  = "example/kms/aws"
  version = "1.0.0"
}

resource "aws_kms_key" "rotated" {
  # attest:ignore aws-kms-rotation reason="a rule id that does not exist" expires=2099-01-31
  enable_key_rotation = true
}

resource "aws_kms_key" "rotated_too" {
  enable_key_rotation = true // attest:ignore aws-kms-key-rotation reason="no expiry"
}

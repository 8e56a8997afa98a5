variable "rotate" {
  type = bool
}

resource "aws_kms_key" "per_team" {
  for_each            = toset(["payments", "risk"])
  description         = "${each.key} data"
  enable_key_rotation = each.key == "payments"
}

resource "aws_kms_key" "configurable" {
  description         = "set by the caller"
  enable_key_rotation = var.rotate
}

variable "encrypt" {
  type = bool
}

resource "aws_kms_key" "workspaces" {
  description = "workspaces"
}

resource "aws_workspaces_workspace" "encrypted" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "alice"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = aws_kms_key.workspaces.arn
}

resource "aws_workspaces_workspace" "staff" {
  for_each     = toset(["bob", "carol"])
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = each.key
}

resource "aws_workspaces_workspace" "half" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "dave"
  user_volume_encryption_enabled = true
  volume_encryption_key          = aws_kms_key.workspaces.arn
}

resource "aws_workspaces_workspace" "configurable" {
  directory_id                   = "d-1234567890"
  bundle_id                      = "wsb-bh8rsxt14"
  user_name                      = "erin"
  root_volume_encryption_enabled = var.encrypt
  user_volume_encryption_enabled = var.encrypt
  volume_encryption_key          = aws_kms_key.workspaces.arn
}

variable "status" {
  type = string
}

resource "aws_efs_file_system" "shared" {
  for_each       = toset(["home", "scratch"])
  creation_token = each.key
  encrypted      = true
}

resource "aws_efs_backup_policy" "home" {
  file_system_id = aws_efs_file_system.shared["home"].id

  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_file_system" "configurable" {
  creation_token = "cfg"
  encrypted      = true
}

resource "aws_efs_backup_policy" "configurable" {
  file_system_id = aws_efs_file_system.configurable.id

  backup_policy {
    status = var.status
  }
}

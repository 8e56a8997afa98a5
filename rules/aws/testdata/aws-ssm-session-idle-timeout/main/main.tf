variable "idle" {
  type = string
}

resource "aws_ssm_document" "preferences" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    description   = "Session Manager preferences"
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName        = "session-logs"
      cloudWatchLogGroupName = "/ssm/sessions"
      idleSessionTimeout  = "15"
      maxSessionDuration  = "120"
      runAsEnabled        = false
    }
  })
}

resource "aws_ssm_document" "default_timeout" {
  name          = "SSM-SessionManagerRunShell-eu"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      s3BucketName = "session-logs"
    }
  })
}

resource "aws_ssm_document" "yaml" {
  for_each        = { short = "10", long = "30" }
  name            = "preferences-${each.key}"
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-DOC
    schemaVersion: '1.0'
    sessionType: Standard_Stream
    inputs:
      idleSessionTimeout: '${each.value}'
  DOC
}

resource "aws_ssm_document" "port_forwarding" {
  name          = "port-forwarding"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Port"
    properties    = { portNumber = "5432" }
  })
}

resource "aws_ssm_document" "command" {
  name          = "patch"
  document_type = "Command"
  content = jsonencode({
    schemaVersion = "2.2"
    mainSteps     = [{ action = "aws:runShellScript", name = "patch", inputs = { runCommand = ["yum -y update"] } }]
  })
}

resource "aws_ssm_document" "configurable" {
  name          = "SSM-SessionManagerRunShell-us"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs        = { idleSessionTimeout = var.idle }
  })
}

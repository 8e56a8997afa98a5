variable "action" {
  type = string
}

resource "aws_sns_topic" "guarded" {
  name = "orders"
}

resource "aws_sns_topic_policy" "guarded" {
  arn = aws_sns_topic.guarded.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "SNS:Publish"
      Resource  = aws_sns_topic.guarded.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_sns_topic" "open" {
  for_each = toset(["alerts", "events"])
  name     = each.key
}

resource "aws_sns_topic" "configurable" {
  name = "cfg"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = var.action
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

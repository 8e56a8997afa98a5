variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "good" {
  family = "api"
  container_definitions = jsonencode([
    { name = "app", image = "example/app:1.0", environment = [{ name = "LOG_LEVEL", value = "info" }], secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" }] }
  ])
}

resource "aws_ecs_task_definition" "per_env" {
  for_each = {
    hardened = { name = "app", image = "example/app:1.0", environment = [{ name = "LOG_LEVEL", value = "info" }], secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" }] }
    loose    = { name = "app", image = "example/app:1.0", environment = [{ name = "DB_PASSWORD", value = "hunter2hunter2" }] }
  }
  family                = each.key
  container_definitions = jsonencode([each.value])
}

resource "aws_ecs_task_definition" "configurable" {
  family = "cfg"
  container_definitions = jsonencode([
    { name = "app", image = var.image }
  ])
}

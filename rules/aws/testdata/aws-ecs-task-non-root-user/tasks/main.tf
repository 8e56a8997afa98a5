variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "good" {
  family = "api"
  container_definitions = jsonencode([
    { name = "app", image = "example/app:1.0", user = "1000:1000" }
  ])
}

resource "aws_ecs_task_definition" "per_env" {
  for_each = {
    hardened = { name = "app", image = "example/app:1.0", user = "1000:1000" }
    loose    = { name = "app", image = "example/app:1.0", user = "0:0" }
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

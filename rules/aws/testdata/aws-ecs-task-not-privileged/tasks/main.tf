variable "image" {
  type = string
}

resource "aws_ecs_task_definition" "good" {
  family = "api"
  container_definitions = jsonencode([
    { name = "app", image = "example/app:1.0", privileged = false }
  ])
}

resource "aws_ecs_task_definition" "per_env" {
  for_each = {
    hardened = { name = "app", image = "example/app:1.0", privileged = false }
    loose    = { name = "app", image = "example/app:1.0", privileged = true }
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

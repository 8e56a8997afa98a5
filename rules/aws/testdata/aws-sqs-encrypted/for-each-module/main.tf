module "queue" {
  source   = "./modules/queue"
  for_each = { jobs = true, scratch = false }
  name     = each.key
  sse      = each.value
}

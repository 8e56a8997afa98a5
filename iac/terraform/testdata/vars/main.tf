resource "aws_cloudwatch_log_group" "this" {
  name              = var.cfg.name
  retention_in_days = var.cfg.retain
  tags = {
    a    = var.a
    b    = var.b
    c    = var.c
    d    = var.d
    e    = var.e
    f    = var.f
    port = var.port
    ids  = join(",", var.ids)
  }
}

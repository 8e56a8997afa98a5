variable "bucket_name" {
  type = string
}

module "inner" {
  source = "../inner"
  name   = var.bucket_name
}

output "bucket_id" {
  value = module.inner.id
}

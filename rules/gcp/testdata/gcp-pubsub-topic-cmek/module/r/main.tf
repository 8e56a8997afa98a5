variable "key" {
  type    = string
  default = null
}

resource "google_pubsub_topic" "this" {
  name = "this"
  kms_key_name = var.key
}

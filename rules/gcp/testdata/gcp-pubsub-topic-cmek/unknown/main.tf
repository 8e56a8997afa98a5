variable "key" {
  type = string
}

resource "google_pubsub_topic" "from_variable" {
  name = "from_variable"
  kms_key_name = var.key
}

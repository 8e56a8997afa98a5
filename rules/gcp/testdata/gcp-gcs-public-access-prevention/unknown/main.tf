variable "prevention" {
  type = string
}

resource "google_storage_bucket" "from_variable" {
  name                     = "acme-var"
  location                 = "EU"
  public_access_prevention = var.prevention
}

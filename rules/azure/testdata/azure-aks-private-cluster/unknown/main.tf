variable "setting" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                    = "acme-from-variable"
  resource_group_name     = "rg"
  location                = "westeurope"
  dns_prefix              = "acme"
  private_cluster_enabled = var.setting
}

variable "setting" {
  type = string
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                      = "acme-from-variable"
  resource_group_name       = "rg"
  location                  = "westeurope"
  dns_prefix                = "acme"
  automatic_upgrade_channel = var.setting
}

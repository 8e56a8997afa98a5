variable "setting" {
  type = string
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  dns_prefix          = "acme"
  network_profile {
    network_policy = var.setting
  }
}

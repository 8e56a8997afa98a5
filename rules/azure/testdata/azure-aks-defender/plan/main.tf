resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}

resource "azurerm_kubernetes_cluster" "covered" {
  name                = "acme-covered"
  resource_group_name = "rg"
  location            = "westeurope"
  dns_prefix          = "acme"
  default_node_pool {
    name       = "system"
    node_count = 2
    vm_size    = "Standard_D4s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}


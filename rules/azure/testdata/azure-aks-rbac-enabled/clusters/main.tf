resource "azurerm_kubernetes_cluster" "default_rbac" {
  for_each            = toset(["prod", "stage"])
  name                = "aks-${each.key}"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = each.key

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "no_rbac" {
  name                              = "aks-legacy"
  location                          = "westeurope"
  resource_group_name               = "rg"
  dns_prefix                        = "legacy"
  role_based_access_control_enabled = false

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

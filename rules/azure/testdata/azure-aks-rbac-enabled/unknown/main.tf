variable "rbac" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                              = "aks-var"
  location                          = "westeurope"
  resource_group_name               = "rg"
  dns_prefix                        = "var"
  role_based_access_control_enabled = var.rbac

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

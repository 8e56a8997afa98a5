resource "azurerm_kubernetes_cluster" "entra_only" {
  for_each               = toset(["prod", "stage"])
  name                   = "aks-${each.key}"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = each.key
  local_account_disabled = true

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "with_admin" {
  name                = "aks-dev"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "dev"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

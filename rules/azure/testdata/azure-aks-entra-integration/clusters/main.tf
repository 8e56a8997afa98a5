resource "azurerm_kubernetes_cluster" "managed" {
  for_each            = toset(["eu", "us"])
  name                = "acme-managed-${each.key}"
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
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["11111111-1111-1111-1111-111111111111"]
  }
}

resource "azurerm_kubernetes_cluster" "legacy_v3" {
  name                = "acme-legacy_v3"
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
  azure_active_directory_role_based_access_control {
    managed = false
  }
}

resource "azurerm_kubernetes_cluster" "certificates" {
  name                = "acme-certificates"
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


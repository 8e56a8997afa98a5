variable "admin_groups" {
  type = list(list(string))
}

resource "azurerm_kubernetes_cluster" "dynamic_aad" {
  name                = "acme-dynamic_aad"
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
  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.admin_groups
    content {
      azure_rbac_enabled     = true
      admin_group_object_ids = azure_active_directory_role_based_access_control.value
    }
  }
}


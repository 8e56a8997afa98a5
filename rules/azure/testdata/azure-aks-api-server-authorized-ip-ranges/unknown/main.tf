variable "office_ranges" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                = "acme-from_variable"
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
  api_server_access_profile {
    authorized_ip_ranges = var.office_ranges
  }
}


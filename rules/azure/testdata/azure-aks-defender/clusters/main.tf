resource "azurerm_security_center_subscription_pricing" "servers" {
  tier = "Standard"
}

resource "azurerm_log_analytics_workspace" "security" {
  name                = "security"
  resource_group_name = "rg"
  location            = "westeurope"
}

resource "azurerm_kubernetes_cluster" "sensor" {
  for_each            = toset(["eu", "us"])
  name                = "acme-sensor-${each.key}"
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
  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id
  }
}

resource "azurerm_kubernetes_cluster" "unprotected" {
  name                = "acme-unprotected"
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


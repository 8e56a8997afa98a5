resource "azurerm_kubernetes_cluster" "limited" {
  for_each            = toset(["eu", "us"])
  name                = "acme-limited-${each.key}"
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
    authorized_ip_ranges = ["203.0.113.0/24", "198.51.100.7/32"]
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
  api_server_authorized_ip_ranges = ["203.0.113.0/24"]
}

resource "azurerm_kubernetes_cluster" "private" {
  name                = "acme-private"
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
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "open" {
  name                = "acme-open"
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

resource "azurerm_kubernetes_cluster" "everyone" {
  name                = "acme-everyone"
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
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}


resource "azurerm_disk_encryption_set" "aks" {
  name                = "aks"
  resource_group_name = "rg"
  location            = "westeurope"
  key_vault_key_id    = "https://acme.vault.azure.net/keys/aks"
  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "cmk" {
  for_each            = toset(["eu", "us"])
  name                = "acme-cmk-${each.key}"
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
  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id
}

resource "azurerm_kubernetes_cluster" "literal" {
  name                = "acme-literal"
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
  disk_encryption_set_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks"
}

resource "azurerm_kubernetes_cluster" "platform" {
  name                = "acme-platform"
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


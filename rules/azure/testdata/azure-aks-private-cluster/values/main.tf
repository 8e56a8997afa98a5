resource "azurerm_kubernetes_cluster" "good" {
  for_each                = toset(["a", "b"])
  name                    = "acme-good-${each.key}"
  resource_group_name     = "rg"
  location                = "westeurope"
  dns_prefix              = "acme"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  dns_prefix          = "acme"
}

resource "azurerm_kubernetes_cluster" "bad" {
  name                    = "acme-bad"
  resource_group_name     = "rg"
  location                = "westeurope"
  dns_prefix              = "acme"
  private_cluster_enabled = false
}

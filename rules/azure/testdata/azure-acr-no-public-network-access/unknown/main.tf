variable "public" {
  type = bool
}

resource "azurerm_container_registry" "from_variable" {
  name                          = "acmevar"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = var.public
}

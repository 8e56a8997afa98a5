variable "setting" {
  type = bool
}

resource "azurerm_cosmosdb_account" "from_variable" {
  name                          = "acme-from-variable"
  resource_group_name           = "rg"
  location                      = "westeurope"
  offer_type                    = "Standard"
  public_network_access_enabled = var.setting
}

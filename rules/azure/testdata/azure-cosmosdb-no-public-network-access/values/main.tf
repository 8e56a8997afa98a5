resource "azurerm_cosmosdb_account" "good" {
  for_each                      = toset(["a", "b"])
  name                          = "acme-good-${each.key}"
  resource_group_name           = "rg"
  location                      = "westeurope"
  offer_type                    = "Standard"
  public_network_access_enabled = false
}

resource "azurerm_cosmosdb_account" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  offer_type          = "Standard"
}

resource "azurerm_cosmosdb_account" "bad" {
  name                          = "acme-bad"
  resource_group_name           = "rg"
  location                      = "westeurope"
  offer_type                    = "Standard"
  public_network_access_enabled = true
}

variable "key_id" {
  type = string
}

resource "azurerm_cosmosdb_account" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  offer_type          = "Standard"
  key_vault_key_id    = var.key_id
}

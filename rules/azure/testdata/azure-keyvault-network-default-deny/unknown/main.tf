variable "default_action" {
  type = string
}

resource "azurerm_key_vault" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  network_acls {
    default_action = var.default_action
    bypass         = "AzureServices"
  }
}

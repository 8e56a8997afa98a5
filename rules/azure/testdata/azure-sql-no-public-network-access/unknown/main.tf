variable "public" {
  type = bool
}

resource "azurerm_mssql_server" "from_variable" {
  name                          = "acme-var"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "12.0"
  public_network_access_enabled = var.public
}

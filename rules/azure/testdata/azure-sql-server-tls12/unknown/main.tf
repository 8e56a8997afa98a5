variable "setting" {
  type = string
}

resource "azurerm_mssql_server" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = var.setting
}

variable "retention_days" {
  type = number
}

resource "azurerm_mssql_server" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "from_variable" {
  server_id         = azurerm_mssql_server.from_variable.id
  storage_endpoint  = "https://acmeaudit.blob.core.windows.net/"
  retention_in_days = var.retention_days
}

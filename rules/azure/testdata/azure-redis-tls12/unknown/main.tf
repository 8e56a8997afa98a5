variable "setting" {
  type = string
}

resource "azurerm_redis_cache" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.setting
}

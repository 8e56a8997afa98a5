variable "setting" {
  type = bool
}

resource "azurerm_redis_cache" "from_variable" {
  name                 = "acme-from-variable"
  resource_group_name  = "rg"
  location             = "westeurope"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = var.setting
}

resource "azurerm_redis_cache" "good" {
  for_each             = toset(["a", "b"])
  name                 = "acme-good-${each.key}"
  resource_group_name  = "rg"
  location             = "westeurope"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = false
}

resource "azurerm_redis_cache" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "bad" {
  name                = "acme-bad"
  resource_group_name = "rg"
  location            = "westeurope"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = true
}

variable "setting" {
  type = string
}

resource "azurerm_linux_web_app" "from_variable" {
  name                = "acme-from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  identity {
    type = var.setting
  }
  site_config {}
}

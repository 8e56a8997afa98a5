variable "auth" {
  type = bool
}

resource "azurerm_linux_web_app" "from_variable" {
  name                = "acme-var"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  auth_settings_v2 {
    auth_enabled = var.auth
    login {}
  }
}

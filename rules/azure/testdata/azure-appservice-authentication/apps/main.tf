resource "azurerm_linux_web_app" "portal" {
  for_each            = toset(["admin", "support"])
  name                = "acme-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "RedirectToLoginPage"
    login {}
  }
}

resource "azurerm_windows_web_app" "legacy" {
  name                = "acme-legacy"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  auth_settings {
    enabled = true
  }
}

resource "azurerm_linux_function_app" "open" {
  name                = "acme-open"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

resource "azurerm_windows_function_app" "disabled" {
  name                = "acme-disabled"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
  auth_settings_v2 {
    auth_enabled = false
    login {}
  }
}

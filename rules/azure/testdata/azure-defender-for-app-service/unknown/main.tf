resource "azurerm_linux_web_app" "web" {
  name                = "web"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

resource "azurerm_windows_web_app" "legacy" {
  name                = "legacy"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

resource "azurerm_linux_function_app" "jobs" {
  name                = "jobs"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

resource "azurerm_windows_function_app" "hooks" {
  name                = "hooks"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

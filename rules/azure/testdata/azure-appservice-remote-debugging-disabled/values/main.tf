resource "azurerm_linux_web_app" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {
    remote_debugging_enabled = false
  }
}

resource "azurerm_linux_web_app" "absent" {
  name                = "acme-absent"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {}
}

resource "azurerm_linux_web_app" "bad" {
  name                = "acme-bad"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_windows_web_app" "other1" {
  name                = "acme-other1"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {
    remote_debugging_enabled = false
  }
}

resource "azurerm_windows_web_app" "other_bad1" {
  name                = "acme-other-bad1"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_linux_function_app" "other2" {
  name                 = "acme-other2"
  resource_group_name  = "rg"
  location             = "westeurope"
  service_plan_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name = "acmefunctions"
  site_config {
    remote_debugging_enabled = false
  }
}

resource "azurerm_linux_function_app" "other_bad2" {
  name                 = "acme-other-bad2"
  resource_group_name  = "rg"
  location             = "westeurope"
  service_plan_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name = "acmefunctions"
  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_windows_function_app" "other3" {
  name                 = "acme-other3"
  resource_group_name  = "rg"
  location             = "westeurope"
  service_plan_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name = "acmefunctions"
  site_config {
    remote_debugging_enabled = false
  }
}

resource "azurerm_windows_function_app" "other_bad3" {
  name                 = "acme-other-bad3"
  resource_group_name  = "rg"
  location             = "westeurope"
  service_plan_id      = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
  storage_account_name = "acmefunctions"
  site_config {
    remote_debugging_enabled = true
  }
}

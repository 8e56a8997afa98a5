variable "scope" {
  type = string
}

resource "azurerm_monitor_activity_log_alert" "nsg" {
  for_each            = toset(["write", "delete"])
  name                = "nsg-${each.key}"
  resource_group_name = "rg"
  location            = "global"
  scopes              = [var.scope]
  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/${each.key}"
  }
}

resource "azurerm_network_security_group" "web" {
  name                = "web"
  location            = "westeurope"
  resource_group_name = "rg"
}

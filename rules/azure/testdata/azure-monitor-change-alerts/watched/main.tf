data "azurerm_subscription" "current" {}

resource "azurerm_monitor_activity_log_alert" "changes" {
  for_each = toset([
    "Microsoft.Network/networkSecurityGroups/write",
    "Microsoft.Network/networkSecurityGroups/delete",
    "Microsoft.Network/networkSecurityGroups/securityRules/write",
    "Microsoft.Network/networkSecurityGroups/securityRules/delete",
    "Microsoft.Authorization/policyAssignments/write",
    "Microsoft.Authorization/policyAssignments/delete",
  ])
  name                = "alert-${replace(each.key, "/", "-")}"
  resource_group_name = "rg"
  location            = "global"
  scopes              = [data.azurerm_subscription.current.id]
  criteria {
    category       = "Administrative"
    operation_name = each.key
  }
  action {
    action_group_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/security"
  }
}

resource "azurerm_network_security_group" "web" {
  for_each            = toset(["eu", "us"])
  name                = "web-${each.key}"
  location            = "westeurope"
  resource_group_name = "rg"
}

resource "azurerm_network_security_rule" "https" {
  name                        = "https"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "web-eu"
}

resource "azurerm_subscription_policy_assignment" "baseline" {
  name                 = "baseline"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = "/providers/Microsoft.Authorization/policySetDefinitions/1f3afdf9-d0c9-4c3d-847f-89da613e70a8"
}

resource "azurerm_resource_group_policy_assignment" "tags" {
  name                 = "tags"
  resource_group_id    = "/subscriptions/s/resourceGroups/rg"
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99"
}

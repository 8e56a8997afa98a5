variable "mode" {
  type = string
}

resource "azurerm_web_application_firewall_policy" "from_variable" {
  name                = "from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  policy_settings {
    mode = var.mode
  }
  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "from_variable" {
  name                = "from-variable"
  resource_group_name = "rg"
  location            = "westeurope"
  gateway_ip_configuration {
    name      = "gw"
    subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/gw"
  }
  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
  firewall_policy_id = azurerm_web_application_firewall_policy.from_variable.id
}

resource "azurerm_application_gateway" "shared_policy" {
  name                = "shared-policy"
  resource_group_name = "rg"
  location            = "westeurope"
  gateway_ip_configuration {
    name      = "gw"
    subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/gw"
  }
  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
  firewall_policy_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies/shared"
}

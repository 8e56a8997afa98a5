resource "azurerm_web_application_firewall_policy" "edge" {
  name                = "edge"
  resource_group_name = "rg"
  location            = "westeurope"
  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "policy" {
  for_each            = toset(["eu", "us"])
  name                = "edge-${each.key}"
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
  firewall_policy_id = azurerm_web_application_firewall_policy.edge.id
}

resource "azurerm_application_gateway" "inline" {
  name                = "inline"
  resource_group_name = "rg"
  location            = "westeurope"
  gateway_ip_configuration {
    name      = "gw"
    subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/gw"
  }
  sku {
    name     = "WAF_Medium"
    tier     = "WAF"
    capacity = 2
  }
  waf_configuration {
    enabled          = true
    firewall_mode    = "Prevention"
    rule_set_version = "3.2"
  }
}

resource "azurerm_application_gateway" "detection" {
  name                = "detection"
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
  waf_configuration {
    enabled          = true
    firewall_mode    = "Detection"
    rule_set_version = "3.2"
  }
}

resource "azurerm_application_gateway" "standard" {
  name                = "standard"
  resource_group_name = "rg"
  location            = "westeurope"
  gateway_ip_configuration {
    name      = "gw"
    subnet_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/gw"
  }
  sku {
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 2
  }
}

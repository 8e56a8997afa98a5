variable "source_prefix" {
  type = string
}

resource "azurerm_network_security_rule" "from_variable" {
  name                        = "from-variable"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = var.source_prefix
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "app"
}

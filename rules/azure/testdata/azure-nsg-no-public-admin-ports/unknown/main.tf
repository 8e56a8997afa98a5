variable "admin_source" {
  type = string
}

resource "azurerm_network_security_rule" "ssh_from_variable" {
  name                        = "ssh-from-variable"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = var.admin_source
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "web"
}

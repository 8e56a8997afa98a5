variable "public_ip_id" {
  type = string
}

resource "azurerm_network_interface" "maybe" {
  name                = "maybe"
  resource_group_name = "rg"
  location            = "westeurope"
  ip_configuration {
    name                          = "primary"
    subnet_id                     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/app"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = var.public_ip_id
  }
}

resource "azurerm_linux_virtual_machine" "maybe" {
  name                  = "maybe"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.maybe.id]
}

resource "azurerm_linux_virtual_machine" "elsewhere" {
  name                  = "elsewhere"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/managed-elsewhere"]
}

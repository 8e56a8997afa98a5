resource "azurerm_linux_virtual_machine" "web" {
  name                  = "web"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
}

resource "azurerm_windows_virtual_machine" "ad" {
  name                  = "ad"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
}

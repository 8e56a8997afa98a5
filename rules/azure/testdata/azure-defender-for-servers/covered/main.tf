resource "azurerm_security_center_subscription_pricing" "plan" {
  tier          = "Standard"
  resource_type = "VirtualMachines"
}

resource "azurerm_linux_virtual_machine" "web" {
  for_each              = toset(["a", "b"])
  name                  = "web-${each.key}"
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

resource "azurerm_linux_virtual_machine" "good" {
  for_each                        = toset(["a", "b"])
  name                            = "acme-good-${each.key}"
  resource_group_name             = "rg"
  location                        = "westeurope"
  size                            = "Standard_D2s_v5"
  admin_username                  = "azureuser"
  network_interface_ids           = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  disable_password_authentication = true
}

resource "azurerm_linux_virtual_machine" "absent" {
  name                  = "acme-absent"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
}

resource "azurerm_linux_virtual_machine" "bad" {
  name                            = "acme-bad"
  resource_group_name             = "rg"
  location                        = "westeurope"
  size                            = "Standard_D2s_v5"
  admin_username                  = "azureuser"
  network_interface_ids           = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  disable_password_authentication = false
}

resource "azurerm_linux_virtual_machine_scale_set" "other1" {
  name                            = "acme-other1"
  resource_group_name             = "rg"
  location                        = "westeurope"
  sku                             = "Standard_D2s_v5"
  instances                       = 2
  admin_username                  = "azureuser"
  disable_password_authentication = true
}

resource "azurerm_linux_virtual_machine_scale_set" "other_bad1" {
  name                            = "acme-other-bad1"
  resource_group_name             = "rg"
  location                        = "westeurope"
  sku                             = "Standard_D2s_v5"
  instances                       = 2
  admin_username                  = "azureuser"
  disable_password_authentication = false
}

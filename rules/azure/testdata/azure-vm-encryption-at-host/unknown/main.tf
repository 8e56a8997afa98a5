variable "setting" {
  type = bool
}

resource "azurerm_linux_virtual_machine" "from_variable" {
  name                       = "acme-from-variable"
  resource_group_name        = "rg"
  location                   = "westeurope"
  size                       = "Standard_D2s_v5"
  admin_username             = "azureuser"
  network_interface_ids      = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  encryption_at_host_enabled = var.setting
}

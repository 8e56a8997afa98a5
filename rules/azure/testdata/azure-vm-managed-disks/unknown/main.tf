variable "vhd_uri" {
  type = string
}

resource "azurerm_virtual_machine" "from_variable" {
  name                  = "from-variable"
  resource_group_name   = "rg"
  location              = "westeurope"
  vm_size               = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  storage_os_disk {
    name          = "os"
    create_option = "FromImage"
    vhd_uri       = var.vhd_uri
  }
}

resource "azurerm_virtual_machine" "managed" {
  for_each              = toset(["a", "b"])
  name                  = "managed-${each.key}"
  resource_group_name   = "rg"
  location              = "westeurope"
  vm_size               = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  storage_os_disk {
    name              = "os-${each.key}"
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
  }
}

resource "azurerm_virtual_machine" "vhd" {
  name                  = "vhd"
  resource_group_name   = "rg"
  location              = "westeurope"
  vm_size               = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  storage_os_disk {
    name          = "os"
    create_option = "FromImage"
    vhd_uri       = "https://acmevhds.blob.core.windows.net/vhds/os.vhd"
  }
}

resource "azurerm_virtual_machine" "data_vhd" {
  name                  = "data-vhd"
  resource_group_name   = "rg"
  location              = "westeurope"
  vm_size               = "Standard_D2s_v5"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic"]
  storage_os_disk {
    name              = "os"
    create_option     = "FromImage"
    managed_disk_type = "Premium_LRS"
  }
  storage_data_disk {
    name          = "data"
    create_option = "Empty"
    lun           = 0
    disk_size_gb  = 128
    vhd_uri       = "https://acmevhds.blob.core.windows.net/vhds/data.vhd"
  }
}

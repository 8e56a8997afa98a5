resource "azurerm_public_ip" "jump" {
  name                = "jump"
  resource_group_name = "rg"
  location            = "westeurope"
  allocation_method   = "Static"
}

resource "azurerm_network_interface" "private" {
  for_each            = toset(["a", "b"])
  name                = "app-${each.key}"
  resource_group_name = "rg"
  location            = "westeurope"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/app"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_virtual_machine" "app" {
  for_each              = azurerm_network_interface.private
  name                  = "app-${each.key}"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = [each.value.id]
}

resource "azurerm_network_interface" "jump" {
  name                = "jump"
  resource_group_name = "rg"
  location            = "westeurope"
  ip_configuration {
    name                          = "public"
    subnet_id                     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/dmz"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.jump.id
  }
}

resource "azurerm_windows_virtual_machine" "jump" {
  name                  = "jump"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  admin_password        = "placeholder"
  network_interface_ids = [azurerm_network_interface.jump.id]
}

resource "azurerm_network_interface" "literal" {
  name                = "literal-nic"
  resource_group_name = "rg"
  location            = "westeurope"
  ip_configuration {
    name                          = "public"
    subnet_id                     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/dmz"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/literal"
  }
}

resource "azurerm_linux_virtual_machine" "literal" {
  name                  = "literal"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/literal-nic"]
}

resource "azurerm_network_interface" "internal" {
  name                = "internal"
  resource_group_name = "rg"
  location            = "westeurope"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/main/subnets/app"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_windows_virtual_machine" "internal" {
  name                  = "internal"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  admin_password        = "placeholder"
  network_interface_ids = [azurerm_network_interface.internal.id]
}

resource "azurerm_dns_zone" "public" {
  name                = "example.com"
  resource_group_name = "dns"
}

resource "azurerm_network_interface" "db" {
  name                = "db-nic"
  location            = "westeurope"
  resource_group_name = "app"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/0000/resourceGroups/app/providers/Microsoft.Network/virtualNetworks/app/subnets/db"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_public_ip" "web" {
  name                = "web"
  location            = "westeurope"
  resource_group_name = "app"
  allocation_method   = "Static"
}

resource "azurerm_dns_a_record" "www" {
  name                = "www"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  records             = ["203.0.113.10"]
}

resource "azurerm_dns_a_record" "db" {
  name                = "db"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  records             = ["10.1.2.4"]
}

resource "azurerm_dns_a_record" "hosts" {
  for_each            = { cache = "192.168.10.5", api = "198.51.100.7" }
  name                = each.key
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  records             = [each.value]
}

resource "azurerm_dns_aaaa_record" "v6" {
  name                = "v6"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  records             = ["fd00:1234::5"]
}

resource "azurerm_dns_a_record" "alias" {
  name                = "app"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  target_resource_id  = azurerm_public_ip.web.id
}

resource "azurerm_dns_a_record" "db_computed" {
  name                = "db2"
  zone_name           = azurerm_dns_zone.public.name
  resource_group_name = "dns"
  ttl                 = 300
  records             = [azurerm_network_interface.db.private_ip_address]
}

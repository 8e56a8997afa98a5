variable "setting" {
  type = bool
}

resource "azurerm_security_center_contact" "from_variable" {
  name                = "acme-from-variable"
  email               = "security@example.com"
  alerts_to_admins    = true
  alert_notifications = var.setting
}

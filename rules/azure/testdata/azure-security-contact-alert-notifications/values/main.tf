resource "azurerm_security_center_contact" "good" {
  for_each            = toset(["a", "b"])
  name                = "acme-good-${each.key}"
  email               = "security@example.com"
  alerts_to_admins    = true
  alert_notifications = true
}

resource "azurerm_security_center_contact" "absent" {
  name             = "acme-absent"
  email            = "security@example.com"
  alerts_to_admins = true
}

resource "azurerm_security_center_contact" "bad" {
  name                = "acme-bad"
  email               = "security@example.com"
  alerts_to_admins    = true
  alert_notifications = false
}

resource "azurerm_security_center_contact" "no_email" {
  name                = "no-email"
  email               = ""
  alert_notifications = true
  alerts_to_admins    = true
}

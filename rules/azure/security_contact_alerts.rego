# METADATA
# title: Defender for Cloud emails security alerts to a contact
# description: >-
#   Defender for Cloud raises alerts for attacks in progress; unless alert
#   notifications are on, nobody is told and an alert waits in the portal
#   until someone looks. The azurerm_security_center_contact must have an
#   email address and alert_notifications = true.
# custom:
#   id: azure-security-contact-alert-notifications
#   severity: medium
#   resource_types: [azurerm_security_center_contact]
#   controls:
#     soc2: [CC4.2, CC7.3, CC7.4]
#     pci-dss-4.0: [10.7.1, 10.7.2, 10.7.3, 12.10.5]
#   remediation: >-
#     Set email = "security@example.com", alert_notifications = true and
#     alerts_to_admins = true on the azurerm_security_center_contact.
package attest.rules.azure.security_contact_alert_notifications

import data.attest.lib
import data.attest.lib.azure

names := ["alert_notifications"]

deny contains msg if {
	not azure.any_unknown(input.resource, names)
	v := azure.pick(input.resource, names, false)
	v != true
	msg := sprintf("security alerts are not emailed: alert_notifications is %v", [v])
}

unknown contains msg if {
	some n in names
	lib.is_unknown(input.resource, n)
	msg := sprintf("%s is not known statically", [n])
}

deny contains msg if {
	not lib.is_unknown(input.resource, "email")
	lib.get(input.resource, "email", "") == ""
	msg := "the security contact has no email address"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "email")
	msg := "email is not known statically"
}

# METADATA
# title: Application gateways block web attacks with a WAF in prevention mode
# description: >-
#   An application gateway in front of public web applications can run the
#   web application firewall (the WAF or WAF_v2 tier) with the OWASP core
#   rule set, blocking injection, cross-site scripting and known exploit
#   patterns before they reach the apps. In detection mode it only logs
#   them. The gateway passes with waf_configuration enabled in Prevention
#   mode, or with a firewall_policy_id naming an
#   azurerm_web_application_firewall_policy whose policy_settings are
#   enabled and in Prevention mode (the provider's defaults for that block).
# custom:
#   id: azure-application-gateway-waf
#   severity: high
#   resource_types: [azurerm_application_gateway]
#   controls:
#     soc2: [CC6.6, CC6.8]
#     pci-dss-4.0: [6.4.1, 6.4.2]
#   remediation: >-
#     Use sku { name = "WAF_v2", tier = "WAF_v2" } and firewall_policy_id =
#     azurerm_web_application_firewall_policy.this.id with policy_settings { mode = "Prevention" }
#     and managed_rules { managed_rule_set { type = "OWASP", version = "3.2" } }.
package attest.rules.azure.application_gateway_waf

import data.attest.lib
import data.attest.lib.azure

policy_type := "azurerm_web_application_firewall_policy"

waf_tier if lib.get(input.resource, "sku.0.tier", "") in {"WAF", "WAF_v2"}

inline_prevention if {
	lib.get(input.resource, "waf_configuration.0.enabled", false) == true
	lib.get(input.resource, "waf_configuration.0.firewall_mode", "") == "Prevention"
}

policies contains p if {
	some address in object.get(input.resource, ["refs", "firewall_policy_id"], [])
	some p in lib.resources(policy_type)
	p.address == address
}

policy_prevention(p) if {
	lib.get(p, "policy_settings.0.enabled", true) != false
	lib.get(p, "policy_settings.0.mode", "Prevention") == "Prevention"
}

protected if {
	waf_tier
	inline_prevention
}

protected if {
	waf_tier
	some p in policies
	not lib.is_unknown(p, "policy_settings")
	policy_prevention(p)
}

# A policy id that is a literal, or refers to a policy this configuration
# does not declare, cannot be followed.
undetermined if {
	azure.present(input.resource, "firewall_policy_id")
	count(policies) == 0
}

undetermined if azure.undecided(input.resource, "firewall_policy_id")

undetermined if {
	some p in policies
	lib.is_unknown(p, "policy_settings")
}

undetermined if {
	some path in ["sku", "waf_configuration"]
	lib.is_unknown(input.resource, path)
}

deny contains msg if {
	not waf_tier
	not lib.is_unknown(input.resource, "sku")
	msg := sprintf("the gateway runs no web application firewall: sku tier is %v", [lib.get(input.resource, "sku.0.tier", null)])
}

deny contains msg if {
	waf_tier
	not protected
	not undetermined
	msg := "the web application firewall is off or only detects: no enabled Prevention-mode WAF configuration or policy"
}

unknown contains msg if {
	count(deny) == 0
	not protected
	undetermined
	msg := "the gateway's WAF tier, configuration or policy is not known statically"
}

# METADATA
# title: Public Cloud DNS zones are signed with DNSSEC
# description: >-
#   Without DNSSEC, resolvers cannot tell a forged answer for your domain
#   from a real one, so cache poisoning can send your users and your
#   partners' systems to an attacker's address. Private zones are not
#   judged: they are not resolved on the internet.
# custom:
#   id: gcp-dns-dnssec
#   severity: medium
#   resource_types: [google_dns_managed_zone]
#   controls:
#     soc2: [CC6.6, CC6.7]
#     pci-dss-4.0: [2.2.6]
#   remediation: Add dnssec_config { state = "on" } to the public google_dns_managed_zone (and publish the DS record at the registrar).
package attest.rules.gcp.dns_dnssec

import data.attest.lib

public if lib.get(input.resource, "visibility", "public") == "public"

deny contains msg if {
	public
	not lib.is_unknown(input.resource, "visibility")
	not lib.is_unknown(input.resource, "dnssec_config")
	lib.get(input.resource, "dnssec_config.0.state", "off") != "on"
	msg := "the public zone is not signed: dnssec_config.state is not \"on\""
}

unknown contains msg if {
	some path in ["visibility", "dnssec_config"]
	lib.is_unknown(input.resource, path)
	msg := sprintf("%s is not known statically", [path])
}

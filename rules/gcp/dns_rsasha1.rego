# METADATA
# title: DNSSEC zones do not sign with RSASHA1
# description: >-
#   RSASHA1 signs with SHA-1, whose collision resistance is broken; resolvers
#   are dropping support for it, and signatures made with it can no longer
#   be relied on to prove that answers come from the zone. Sign key-signing
#   and zone-signing keys with RSASHA256, RSASHA512 or ECDSA instead.
# custom:
#   id: gcp-dns-no-rsasha1
#   severity: medium
#   resource_types: [google_dns_managed_zone]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [2.2.6, 12.3.3]
#   remediation: >-
#     In dnssec_config set each default_key_specs block's algorithm to
#     "rsasha256" or "ecdsap256sha256".
package attest.rules.gcp.dns_no_rsasha1

import data.attest.lib

deny contains msg if {
	some k in lib.get(input.resource, "dnssec_config.0.default_key_specs", [])
	lower(object.get(k, "algorithm", "")) == "rsasha1"
	msg := sprintf("the %s is signed with RSASHA1", [object.get(k, "key_type", "key")])
}

unknown contains msg if {
	count(deny) == 0
	lib.is_unknown(input.resource, "dnssec_config")
	msg := "dnssec_config is not known statically"
}

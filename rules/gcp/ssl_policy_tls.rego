# METADATA
# title: Load balancer SSL policies require TLS 1.2 and strong ciphers
# description: >-
#   An SSL policy's min_tls_version is TLS_1_0 unless set, and the
#   COMPATIBLE profile keeps ciphers without forward secrecy and with
#   known weaknesses: a client (or an attacker forcing a downgrade) can then
#   talk to the load balancer over protocols that do not protect data in
#   transit. Require TLS 1.2 with the MODERN or RESTRICTED profile (or a
#   CUSTOM list of strong ciphers).
# custom:
#   id: gcp-compute-ssl-policy-tls12
#   severity: high
#   resource_types: [google_compute_ssl_policy, google_compute_region_ssl_policy]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 2.2.7, 12.3.3]
#   remediation: >-
#     Set min_tls_version = "TLS_1_2" and profile = "MODERN" (or
#     "RESTRICTED") and attach the policy to the HTTPS and SSL proxies.
package attest.rules.gcp.compute_ssl_policy_tls12

import data.attest.lib

deny contains msg if {
	not lib.is_unknown(input.resource, "min_tls_version")
	v := lib.get(input.resource, "min_tls_version", "TLS_1_0")
	not v in {"TLS_1_2", "TLS_1_3"}
	msg := sprintf("clients may connect with %s: min_tls_version is not TLS_1_2", [v])
}

deny contains msg if {
	lib.get(input.resource, "profile", "COMPATIBLE") == "COMPATIBLE"
	not lib.is_unknown(input.resource, "profile")
	msg := "the COMPATIBLE profile allows weak ciphers"
}

unknown contains msg if {
	count(deny) == 0
	some p in ["min_tls_version", "profile"]
	lib.is_unknown(input.resource, p)
	msg := sprintf("%s is not known statically", [p])
}

# METADATA
# title: Cloud KMS keys rotate at least every 90 days
# description: >-
#   Automatic rotation makes a new key version the primary on a schedule, so
#   the amount of data under one version, and the damage of one leaked
#   version, stay bounded. PCI DSS asks for keys to change at the end of
#   their cryptoperiod; 90 days is the usual benchmark. Only symmetric
#   encryption keys (purpose ENCRYPT_DECRYPT, the default) can rotate
#   automatically; other purposes are not judged.
# custom:
#   id: gcp-kms-key-rotation
#   severity: medium
#   resource_types: [google_kms_crypto_key]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 3.7.4]
#   remediation: Set rotation_period = "7776000s" (90 days) or less on the google_kms_crypto_key.
package attest.rules.gcp.kms_key_rotation

import data.attest.lib

max_seconds := 7776000

symmetric if {
	not lib.is_unknown(input.resource, "purpose")
	lib.get(input.resource, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

# seconds(p): a duration in the provider's form, "7776000s".
seconds(p) := to_number(trim_suffix(p, "s")) if {
	is_string(p)
	regex.match(`^[0-9]+(\.[0-9]+)?s$`, p)
}

deny contains msg if {
	symmetric
	not lib.is_unknown(input.resource, "rotation_period")
	p := lib.get(input.resource, "rotation_period", null)
	p == null
	msg := "the key never rotates: rotation_period is not set"
}

deny contains msg if {
	symmetric
	p := lib.get(input.resource, "rotation_period", null)
	seconds(p) > max_seconds
	msg := sprintf("the key rotates every %s, more than 90 days (7776000s)", [p])
}

deny contains msg if {
	symmetric
	p := lib.get(input.resource, "rotation_period", null)
	p != null
	not seconds(p)
	msg := sprintf("rotation_period %v is not a duration in seconds such as \"7776000s\"", [p])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "rotation_period")
	msg := "rotation_period is not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "purpose")
	msg := "the key's purpose is not known statically"
}

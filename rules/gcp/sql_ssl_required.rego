# METADATA
# title: Cloud SQL instances accept only encrypted connections
# description: >-
#   Without an SSL requirement, a client may connect in plain text and send
#   credentials and query results readable on the way. ssl_mode
#   ENCRYPTED_ONLY (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED, which also checks
#   the client's certificate) refuses unencrypted connections; the older
#   require_ssl = true does the latter.
# custom:
#   id: gcp-sql-ssl-required
#   severity: high
#   resource_types: [google_sql_database_instance]
#   controls:
#     soc2: [CC6.1, CC6.7]
#     pci-dss-4.0: [4.2.1, 2.2.7]
#   remediation: In settings.ip_configuration set ssl_mode = "ENCRYPTED_ONLY".
package attest.rules.gcp.sql_ssl_required

import data.attest.lib

ip := "settings.0.ip_configuration.0"

required if lib.get(input.resource, concat(".", [ip, "ssl_mode"]), "") in {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

required if lib.get(input.resource, concat(".", [ip, "require_ssl"]), false) == true

undetermined if lib.is_unknown(input.resource, concat(".", [ip, "ssl_mode"]))

undetermined if lib.is_unknown(input.resource, concat(".", [ip, "require_ssl"]))

deny contains msg if {
	not required
	not undetermined
	msg := "unencrypted connections are accepted: ssl_mode is not ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED"
}

unknown contains msg if {
	not required
	undetermined
	msg := "ssl_mode (or require_ssl) is not known statically"
}

# METADATA
# title: Internet-facing backend services are protected by Cloud Armor
# description: >-
#   A backend service behind an external HTTP(S) load balancer receives
#   whatever the internet sends. A Cloud Armor security policy
#   (security_policy) in front of it filters web attacks (SQL injection,
#   cross-site scripting, known exploit payloads), rate-limits abusers and
#   blocks by address or region before requests reach the application.
#   Internal backend services are exempt.
# custom:
#   id: gcp-compute-backend-cloud-armor
#   severity: medium
#   resource_types: [google_compute_backend_service]
#   controls:
#     soc2: [CC6.6, CC6.8]
#     pci-dss-4.0: [6.4.1, 6.4.2]
#   remediation: >-
#     Set security_policy = google_compute_security_policy.waf.id on the
#     backend service, with rules using the preconfigured WAF expressions
#     (evaluatePreconfiguredWaf('sqli-v33-stable'), ...).
package attest.rules.gcp.compute_backend_cloud_armor

import data.attest.lib
import data.attest.lib.gcp

external if lib.get(input.resource, "load_balancing_scheme", "EXTERNAL") in {"EXTERNAL", "EXTERNAL_MANAGED"}

protected if gcp.names_resource(input.resource, "security_policy")

undetermined if lib.is_unknown(input.resource, "load_balancing_scheme")

undetermined if gcp.key_undetermined(input.resource, "security_policy")

deny contains msg if {
	external
	not protected
	not undetermined
	msg := "the internet-facing backend service has no Cloud Armor policy: security_policy is not set"
}

unknown contains msg if {
	not protected
	undetermined
	msg := "the backend service's load balancing scheme or security policy is not known statically"
}

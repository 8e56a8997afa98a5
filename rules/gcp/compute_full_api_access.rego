# METADATA
# title: VMs do not combine the default service account with access to every Cloud API
# description: >-
#   The cloud-platform scope lets a VM's credentials call any Google Cloud
#   API; with the Compute Engine default service account, which usually
#   holds Editor, anyone who reaches the VM's metadata server (an SSRF in a
#   web application is enough) can change most of the project. With a
#   dedicated service account the scope is harmless, as IAM then limits it.
# custom:
#   id: gcp-compute-no-default-sa-full-api-access
#   severity: high
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.2, 7.2.5, 2.2.2]
#   remediation: >-
#     Use a dedicated service account (service_account { email =
#     google_service_account.app.email, scopes = ["cloud-platform"] }), or
#     list only the scopes the workload needs.
package attest.rules.gcp.compute_no_default_sa_full_api_access

import data.attest.lib
import data.attest.lib.gcp

sa := "service_account.0"

default_account if {
	count(lib.get(input.resource, "service_account", [])) > 0
	not lib.is_unknown(input.resource, concat(".", [sa, "email"]))
	email := lib.get(input.resource, concat(".", [sa, "email"]), "default")
	email_is_default(email)
}

email_is_default(e) if gcp.default_compute_sa(e)

email_is_default(e) if e in {"", "default"}

full_scope if {
	some s in lib.get(input.resource, concat(".", [sa, "scopes"]), [])
	gcp.full_scope(s)
}

deny contains msg if {
	default_account
	full_scope
	msg := "the default service account may call every Cloud API: scopes include cloud-platform"
}

email_undetermined if {
	not gcp.names_resource(input.resource, concat(".", [sa, "email"]))
	lib.is_unknown(input.resource, concat(".", [sa, "email"]))
}

unknown contains msg if {
	email_undetermined
	full_scope
	msg := "the VM's service account is not known statically"
}

unknown contains msg if {
	default_account
	lib.is_unknown(input.resource, concat(".", [sa, "scopes"]))
	msg := "the scopes of the default service account are not known statically"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "service_account")
	count(lib.get(input.resource, "service_account", [])) == 0
	msg := "the VM's service account is not known statically"
}

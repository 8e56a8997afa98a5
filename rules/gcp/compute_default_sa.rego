# METADATA
# title: VMs do not run as the Compute Engine default service account
# description: >-
#   The Compute Engine default service account holds the Editor role on its
#   project unless someone removed it, and every VM that uses it shares one
#   identity, so its permissions cannot follow one workload's needs and its
#   use cannot be told apart in the logs. Give each workload a service
#   account of its own. A VM with no service_account block has no
#   credentials at all and passes.
# custom:
#   id: gcp-compute-no-default-service-account
#   severity: medium
#   resource_types: [google_compute_instance, google_compute_instance_template]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2, 7.2.5, 8.2.2, 2.2.2]
#   remediation: >-
#     In service_account set email = google_service_account.app.email (an
#     account granted only what the workload needs).
package attest.rules.gcp.compute_no_default_service_account

import data.attest.lib
import data.attest.lib.gcp

path := "service_account.0.email"

has_account if count(lib.get(input.resource, "service_account", [])) > 0

dedicated if {
	gcp.names_resource(input.resource, path)
	email := lib.get(input.resource, path, "")
	not gcp.default_compute_sa(email)
	email != "default"
}

deny contains msg if {
	has_account
	not dedicated
	not lib.is_unknown(input.resource, path)
	msg := "the VM runs as the Compute Engine default service account"
}

unknown contains msg if {
	not dedicated
	lib.is_unknown(input.resource, "service_account")
	msg := "the VM's service account is not known statically"
}

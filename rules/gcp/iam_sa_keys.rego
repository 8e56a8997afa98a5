# METADATA
# title: Service accounts have no user-managed keys
# description: >-
#   A service account key is a long-lived credential in a file: it is
#   copied into CI settings, laptops and repositories, never expires by
#   default, and whoever holds it acts as the service account from anywhere.
#   Workloads on Google Cloud get short-lived credentials from the metadata
#   server, and workloads elsewhere can use Workload Identity Federation;
#   google_service_account_key (created or uploaded) should not be needed.
#   A service account of the configuration fails when a key names it; a key
#   whose service account is not in the configuration fails on its own.
# custom:
#   id: gcp-iam-no-service-account-keys
#   severity: high
#   resource_types: [google_service_account, google_service_account_key]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.6.2, 8.6.3, 8.3.2]
#   remediation: >-
#     Remove the google_service_account_key; attach the service account to
#     the workload, or use google_iam_workload_identity_pool for CI outside
#     Google Cloud.
package attest.rules.gcp.iam_no_service_account_keys

import data.attest.lib

path := "service_account_id"

deny contains msg if {
	input.resource.type == "google_service_account"
	some k in lib.referrers("google_service_account_key", path)
	msg := sprintf("%s creates a user-managed key for the service account", [k.address])
}

unknown contains msg if {
	input.resource.type == "google_service_account"
	count(lib.referrers("google_service_account_key", path)) == 0
	lib.may_link("google_service_account_key", path)
	msg := "a service account key's account (or whether it exists) is not known statically"
}

# A key for a service account defined elsewhere is reported on the key.
deny contains msg if {
	input.resource.type == "google_service_account_key"
	not lib.is_unknown(input.resource, path)
	not names_account_here
	msg := "a user-managed key is created for a service account"
}

names_account_here if {
	some a in lib.resources("google_service_account")
	lib.refers_to(input.resource, path, a)
}

unknown contains msg if {
	input.resource.type == "google_service_account_key"
	lib.is_unknown(input.resource, path)
	not names_account_here
	msg := "the key's service account is not known statically"
}

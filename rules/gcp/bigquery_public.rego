# METADATA
# title: BigQuery datasets are not shared with allUsers or allAuthenticatedUsers
# description: >-
#   A dataset granted to allUsers, or to allAuthenticatedUsers (anyone with a
#   Google account), can be queried by anyone: analytics datasets often hold
#   customer records. Checked on dataset IAM members and bindings and on the
#   dataset's own access blocks.
# custom:
#   id: gcp-bigquery-no-public-access
#   severity: critical
#   resource_types: [google_bigquery_dataset, google_bigquery_dataset_iam_member, google_bigquery_dataset_iam_binding]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [7.2.1, 1.4.4]
#   remediation: Remove the allUsers / allAuthenticatedUsers grant; share with named groups or authorised views.
package attest.rules.gcp.bigquery_no_public_access

import data.attest.lib
import data.attest.lib.gcp

deny contains msg if {
	input.resource.type != "google_bigquery_dataset"
	some m in gcp.members(input.resource)
	gcp.public_member(m)
	msg := sprintf("the dataset is granted to %s", [m])
}

deny contains msg if {
	input.resource.type == "google_bigquery_dataset"
	some a in lib.get(input.resource, "access", [])
	some key in ["iam_member", "special_group"]
	gcp.public_member(object.get(a, key, ""))
	msg := sprintf("an access block grants the dataset to %s", [a[key]])
}

unknown contains msg if {
	input.resource.type != "google_bigquery_dataset"
	gcp.members_unknown(input.resource)
	msg := "a member of the grant is not known statically"
}

unknown contains msg if {
	input.resource.type == "google_bigquery_dataset"
	lib.is_unknown(input.resource, "access")
	msg := "the dataset's access blocks are not known statically"
}

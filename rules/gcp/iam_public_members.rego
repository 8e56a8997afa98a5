# METADATA
# title: IAM grants do not include allUsers or allAuthenticatedUsers
# description: >-
#   allUsers is anyone on the internet and allAuthenticatedUsers anyone
#   with a Google account. Granting either a role on a project, folder,
#   organisation, service account, Pub/Sub topic or subscription, or
#   secret hands that role to strangers: reading messages or secrets,
#   impersonating the service account, or worse. Buckets, datasets and keys
#   have rules of their own.
# custom:
#   id: gcp-iam-no-public-members
#   severity: critical
#   resource_types: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_organization_iam_member, google_service_account_iam_member, google_service_account_iam_binding, google_pubsub_topic_iam_member, google_pubsub_subscription_iam_member, google_secret_manager_secret_iam_member]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 8.2.2]
#   remediation: >-
#     Replace allUsers and allAuthenticatedUsers with the users, groups or
#     service accounts that need the role.
package attest.rules.gcp.iam_no_public_members

import data.attest.lib.gcp

deny contains msg if {
	some m in gcp.members(input.resource)
	gcp.public_member(m)
	msg := sprintf("the grant includes %s", [m])
}

unknown contains msg if {
	gcp.members_unknown(input.resource)
	msg := "a member of the grant is not known statically"
}

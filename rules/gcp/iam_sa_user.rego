# METADATA
# title: Service Account User and Token Creator are not granted on whole projects
# description: >-
#   Service Account User and Service Account Token Creator let a principal
#   act as a service account. Granted on a project, folder or organisation
#   they cover every service account in it, present and future, so the
#   holder gains the rights of the most privileged one. Grant them on the
#   single service account that is needed (google_service_account_iam_member).
# custom:
#   id: gcp-iam-no-project-service-account-user
#   severity: high
#   resource_types: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_organization_iam_member]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove the project-level grant and add google_service_account_iam_member
#     { service_account_id = google_service_account.app.name, role =
#     "roles/iam.serviceAccountUser", member = "group:deployers@example.com" }.
package attest.rules.gcp.iam_no_project_service_account_user

import data.attest.lib

roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains msg if {
	role := lib.get(input.resource, "role", "")
	role in roles
	msg := sprintf("%s is granted on every service account of the project, folder or organisation", [role])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "role")
	msg := "the granted role is not known statically"
}

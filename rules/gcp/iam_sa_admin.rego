# METADATA
# title: Service accounts do not hold owner, editor or admin roles on projects
# description: >-
#   A service account's key or token is used by software, often far from
#   people's eyes; with Owner, Editor or an administrator role on a project,
#   folder or organisation, whoever compromises the workload controls the
#   whole scope. Grant service accounts predefined roles limited to the
#   resources and actions they use.
# custom:
#   id: gcp-iam-service-account-no-admin-roles
#   severity: high
#   resource_types: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_organization_iam_member]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.2, 7.2.5]
#   remediation: >-
#     Replace the role with predefined roles that cover only what the
#     workload does (for example roles/storage.objectViewer on one bucket).
package attest.rules.gcp.iam_service_account_no_admin_roles

import data.attest.lib
import data.attest.lib.gcp

# admin(role): basic roles with write access, and predefined roles that
# administer a service (roles/<service>.admin, roles/<service>.fooAdmin).
admin(role) if role in {"roles/owner", "roles/editor"}

admin(role) if {
	startswith(role, "roles/")
	regex.match(`(?i)admin$`, role)
}

deny contains msg if {
	role := lib.get(input.resource, "role", "")
	admin(role)
	gcp.service_account_grant(input.resource)
	msg := sprintf("a service account is granted %s", [role])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "role")
	gcp.service_account_grant(input.resource)
	msg := "a service account is granted a role that is not known statically"
}

unknown contains msg if {
	count(deny) == 0
	admin(lib.get(input.resource, "role", ""))
	gcp.members_unknown(input.resource)
	msg := "an administrative role is granted to members not known statically, who may be service accounts"
}

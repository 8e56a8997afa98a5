# METADATA
# title: Projects grant no Owner or Editor roles
# description: >-
#   The basic roles roles/owner and roles/editor grant thousands of
#   permissions across every service of a project; Editor alone can read and
#   change almost all data. Least privilege means predefined or custom roles
#   scoped to the job, for people and for service accounts alike (the
#   default Compute Engine account is a common holder of Editor).
# custom:
#   id: gcp-iam-no-basic-roles
#   severity: high
#   resource_types: [google_project_iam_member, google_project_iam_binding]
#   controls:
#     soc2: [CC6.3]
#     pci-dss-4.0: [7.2.1, 7.2.2, 7.2.5, 7.3.2]
#   remediation: >-
#     Replace roles/owner and roles/editor with predefined roles for the
#     services the member uses (roles/cloudsql.client, roles/storage.objectViewer...).
package attest.rules.gcp.iam_no_basic_roles

import data.attest.lib
import data.attest.lib.gcp

basic := {"roles/owner", "roles/editor"}

deny contains msg if {
	role := lib.get(input.resource, "role", "")
	role in basic
	count(gcp.members(input.resource)) > 0
	msg := sprintf("%s is granted to %s", [role, concat(", ", sort(gcp.members(input.resource)))])
}

# A binding whose members are all unknown still grants the basic role to
# someone; it is unknown only when its role is.
deny contains msg if {
	role := lib.get(input.resource, "role", "")
	role in basic
	count(gcp.members(input.resource)) == 0
	gcp.members_unknown(input.resource)
	msg := sprintf("%s is granted to members not known statically", [role])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "role")
	msg := "the granted role is not known statically"
}

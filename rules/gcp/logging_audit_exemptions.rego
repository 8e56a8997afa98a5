# METADATA
# title: Audit log configs exempt no one
# description: >-
#   exempted_members in an audit log config switches data access logging
#   off for the listed identities: their reads and writes of data leave no
#   record, which is exactly what someone abusing an account would want.
# custom:
#   id: gcp-logging-audit-no-exempted-members
#   severity: medium
#   resource_types: [google_project_iam_audit_config, google_folder_iam_audit_config, google_organization_iam_audit_config]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.2]
#   remediation: >-
#     Remove exempted_members from every audit_log_config block.
package attest.rules.gcp.logging_audit_no_exempted_members

import data.attest.lib

deny contains msg if {
	some a in lib.get(input.resource, "audit_log_config", [])
	count(object.get(a, "exempted_members", [])) > 0
	msg := sprintf("%s is not logged for %s", [object.get(a, "log_type", "a log type"), concat(", ", [sprintf("%v", [m]) | some m in a.exempted_members])])
}

unknown contains msg if {
	count(deny) == 0
	lib.is_unknown(input.resource, "audit_log_config")
	msg := "audit_log_config is not known statically"
}

# METADATA
# title: Projects record data access audit logs for all services
# description: >-
#   Admin Activity audit logs are always on, but reads and writes of data
#   (DATA_READ, DATA_WRITE) and reads of configuration (ADMIN_READ) are
#   logged only where an audit config asks for them. One config for
#   allServices with the three log types on the project, or on a folder or
#   organisation above it, records who read or changed which data anywhere.
#   Checked on each google_project of the configuration.
# custom:
#   id: gcp-logging-audit-config-all-services
#   severity: medium
#   resource_types: [google_project]
#   controls:
#     soc2: [CC7.2, CC2.1]
#     pci-dss-4.0: [10.2.1, 10.2.1.1, 10.2.1.3]
#   remediation: >-
#     Add google_project_iam_audit_config { project = google_project.p.project_id,
#     service = "allServices", audit_log_config { log_type = "ADMIN_READ" }
#     audit_log_config { log_type = "DATA_READ" } audit_log_config { log_type
#     = "DATA_WRITE" } }.
package attest.rules.gcp.logging_audit_config_all_services

import data.attest.lib
import data.attest.lib.gcp

needed := {"ADMIN_READ", "DATA_READ", "DATA_WRITE"}

configs contains c if {
	some c in lib.resources("google_project_iam_audit_config")
	gcp.project_named(c, "project", input.resource)
}

configs contains c if {
	some [t, path] in [["google_folder_iam_audit_config", "folder"], ["google_organization_iam_audit_config", "org_id"]]
	some c in lib.resources(t)
	gcp.project_parent(c, path, input.resource)
}

types(c) := {t | some a in lib.get(c, "audit_log_config", []); t := object.get(a, "log_type", "")}

complete(c) if {
	lib.get(c, "service", "") == "allServices"
	count(needed - types(c)) == 0
}

covered if {
	some c in configs
	complete(c)
}

maybe_config if {
	some [t, path] in [["google_project_iam_audit_config", "project"], ["google_folder_iam_audit_config", "folder"], ["google_organization_iam_audit_config", "org_id"]]
	some c in lib.resources(t)
	lib.is_unknown(c, path)
	count(object.get(c, ["refs", path], [])) == 0
}

maybe_config if {
	some c in configs
	some p in ["service", "audit_log_config"]
	lib.is_unknown(c, p)
}

deny contains msg if {
	not covered
	not maybe_config
	msg := "no audit config for allServices logs ADMIN_READ, DATA_READ and DATA_WRITE for the project"
}

unknown contains msg if {
	not covered
	maybe_config
	msg := "an audit config's scope, service or log types are not known statically"
}

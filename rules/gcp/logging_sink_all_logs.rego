# METADATA
# title: Projects export all their logs through a sink
# description: >-
#   Logs kept only in a project's own log buckets share its fate: whoever
#   controls the project can read, shorten or delete them. A sink with no
#   filter and no exclusions copies every entry to a destination held apart
#   (a locked bucket in a log project, say). Checked on each google_project
#   of the configuration: a project sink of that project, or an aggregated
#   (include_children) folder or organisation sink of its parent, must take
#   every entry.
# custom:
#   id: gcp-logging-sink-all-logs
#   severity: medium
#   resource_types: [google_project]
#   controls:
#     soc2: [CC7.2, CC2.1]
#     pci-dss-4.0: [10.2.1, 10.3.3]
#   remediation: >-
#     Add google_logging_project_sink { name = "all", destination =
#     "storage.googleapis.com/${google_storage_bucket.audit.name}" } with no
#     filter, or an organisation sink with include_children = true.
package attest.rules.gcp.logging_sink_all_logs

import data.attest.lib
import data.attest.lib.gcp

sinks contains s if {
	some s in lib.resources("google_logging_project_sink")
	gcp.project_named(s, "project", input.resource)
}

sinks contains s if {
	some [t, path] in [["google_logging_folder_sink", "folder"], ["google_logging_organization_sink", "org_id"]]
	some s in lib.resources(t)
	lib.get(s, "include_children", false) == true
	gcp.project_parent(s, path, input.resource)
}

all_logs(s) if {
	not lib.is_unknown(s, "filter")
	lib.get(s, "filter", "") == ""
	not lib.is_unknown(s, "exclusions")
	count(lib.get(s, "exclusions", [])) == 0
	lib.get(s, "disabled", false) != true
}

undetermined(s) if {
	some p in ["filter", "exclusions", "disabled", "include_children"]
	lib.is_unknown(s, p)
}

covered if {
	some s in sinks
	all_logs(s)
}

# A sink whose project, folder or organisation is not known may be this
# project's.
maybe_sink if {
	some [t, path] in [["google_logging_project_sink", "project"], ["google_logging_folder_sink", "folder"], ["google_logging_organization_sink", "org_id"]]
	some s in lib.resources(t)
	lib.is_unknown(s, path)
	count(object.get(s, ["refs", path], [])) == 0
}

maybe_sink if {
	some s in sinks
	undetermined(s)
}

deny contains msg if {
	not covered
	not maybe_sink
	msg := "no sink without filter or exclusions exports the project's logs"
}

unknown contains msg if {
	not covered
	maybe_sink
	msg := "a sink's scope, filter or exclusions are not known statically"
}

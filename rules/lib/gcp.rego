# Helpers for rules over the Terraform google provider.
package attest.lib.gcp

import data.attest.lib

# on(v) holds for a value that GCE metadata or a flag reads as enabled:
# true, or the strings "true" and "1" in any case.
on(v) if v == true

on(v) if {
	is_string(v)
	lower(v) in {"true", "1"}
}

# public_member(m) holds for the IAM members that stand for anyone.
public_member(m) if m in {"allUsers", "allAuthenticatedUsers"}

# members(r) is every member an IAM member or binding resource grants to:
# google_*_iam_member has member, google_*_iam_binding has members.
members(r) := {m | some m in lib.get(r, "members", [])} | {m | m := lib.get(r, "member", null); m != null}

# members_unknown(r) holds when a member, or an element of members, is not
# known statically.
members_unknown(r) if lib.is_unknown(r, "member")

members_unknown(r) if lib.is_unknown(r, "members")

# names_resource(r, path) holds when the attribute at path is a non-empty
# string, or an expression that refers to a resource (such as
# google_kms_crypto_key.k.id, known only after apply but never empty).
names_resource(r, path) if {
	v := lib.get(r, path, "")
	is_string(v)
	v != ""
}

names_resource(r, path) if count(object.get(r, ["refs", path], [])) > 0

# autopilot(r) holds for a GKE cluster in Autopilot mode, where Google runs
# the nodes with a fixed hardened configuration (shielded, COS, secure boot,
# auto repair and upgrade, a release channel, intranode visibility).
autopilot(r) if {
	r.type == "google_container_cluster"
	lib.get(r, "enable_autopilot", false) == true
}

# default_pool_gone(r) holds for a GKE cluster whose node_config describes no
# nodes: it removes its default node pool (the pools are separate
# google_container_node_pool resources, judged on their own) or runs in
# Autopilot mode.
default_pool_gone(r) if {
	r.type == "google_container_cluster"
	lib.get(r, "remove_default_node_pool", false) == true
}

default_pool_gone(r) if autopilot(r)

# default_pool_unknown(r) holds for a GKE cluster where whether the default
# pool is kept, or Autopilot is on, is not known statically.
default_pool_unknown(r) if {
	r.type == "google_container_cluster"
	some path in ["remove_default_node_pool", "enable_autopilot"]
	lib.is_unknown(r, path)
}

# autopilot_unknown(r) holds for a GKE cluster where enable_autopilot is not
# known statically.
autopilot_unknown(r) if {
	r.type == "google_container_cluster"
	lib.is_unknown(r, "enable_autopilot")
}

# sql_engine(r) is the engine of a Cloud SQL instance, from its
# database_version: "POSTGRES", "MYSQL" or "SQLSERVER".
sql_engine(r) := e if {
	v := lib.get(r, "database_version", "")
	is_string(v)
	some e in ["POSTGRES", "MYSQL", "SQLSERVER"]
	startswith(upper(v), e)
}

# sql_flag(r, name) is the value of the Cloud SQL database flag name in
# lower case, when the instance sets it to a value known statically.
sql_flag(r, name) := v if {
	vs := [lower(sprintf("%v", [f.value])) |
		some f in lib.get(r, "settings.0.database_flags", [])
		object.get(f, "name", null) == name
		object.get(f, "value", null) != null
	]
	count(vs) > 0
	v := vs[0]
}

# sql_flag_undetermined(r, name) holds when the flag name has no known value
# and some database flag (its name, its value or the whole list) is not known
# statically, so the flag may be set after all.
sql_flag_undetermined(r, name) if {
	not sql_flag(r, name)
	lib.is_unknown(r, "settings.0.database_flags")
}

# sql_replica(r) holds for a Cloud SQL read replica, which takes its
# backups and recovery settings from its primary.
sql_replica(r) if {
	name := lib.get(r, "master_instance_name", "")
	is_string(name)
	name != ""
}

sql_replica(r) if count(object.get(r, ["refs", "master_instance_name"], [])) > 0

# default_compute_sa(email) holds for the Compute Engine default service
# account, PROJECT_NUMBER-compute@developer.gserviceaccount.com.
default_compute_sa(email) if {
	is_string(email)
	endswith(lower(email), "-compute@developer.gserviceaccount.com")
}

# full_scope(s) holds for the OAuth scope that allows every Cloud API, by URL
# or by the gcloud alias.
full_scope(s) if s in {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

# service_account_grant(r) holds when an IAM member or binding resource
# grants to a service account: a "serviceAccount:" member, or a member not
# known statically whose expression refers to a google_service_account.
service_account_grant(r) if {
	some m in members(r)
	is_string(m)
	startswith(m, "serviceAccount:")
}

service_account_grant(r) if {
	members_unknown(r)
	some path in ["member", "members"]
	some a in object.get(r, ["refs", path], [])
	regex.match(`(^|\.)google_service_account\.`, a)
}

# encryption_key_set(r, path) holds when the attribute at path names a Cloud
# KMS key: a non-empty literal or an expression that refers to a resource.
encryption_key_set(r, path) if names_resource(r, path)

# key_undetermined(r, path) holds when no key is seen at path but the
# attribute is not known statically.
key_undetermined(r, path) if {
	not names_resource(r, path)
	lib.is_unknown(r, path)
}

# sql_flag_check(r, engine, name, absent, good) judges the database flag name
# of a Cloud SQL instance of the given engine: "pass" when its value (absent
# when the instance does not set it) is in the set good, "unknown" when the
# engine or the flag is not known statically, "fail" otherwise. An instance
# of another engine passes.
sql_flag_check(r, engine, name, absent, good) := "unknown" if {
	lib.is_unknown(r, "database_version")
} else := "pass" if {
	not _engine_is(r, engine)
} else := "pass" if {
	sql_flag(r, name) in good
} else := "unknown" if {
	sql_flag_undetermined(r, name)
} else := "pass" if {
	not sql_flag(r, name)
	absent in good
} else := "fail"

_engine_is(r, e) if sql_engine(r) == e

# firewall_public_ingress(r) holds for an enabled ingress firewall rule whose
# sources include every address (0.0.0.0/0 or ::/0), when its direction,
# state and sources are known statically.
firewall_public_ingress(r) if {
	not lib.is_unknown(r, "direction")
	not lib.is_unknown(r, "disabled")
	lib.get(r, "direction", "INGRESS") == "INGRESS"
	lib.get(r, "disabled", false) != true
	some s in lib.get(r, "source_ranges", [])
	s in {"0.0.0.0/0", "::/0"}
}

# firewall_undetermined(r) holds when the sources, allowed ports, direction
# or state of a firewall rule are not known statically.
firewall_undetermined(r) if {
	some p in ["source_ranges", "allow", "direction", "disabled"]
	lib.is_unknown(r, p)
}

# firewall_opens(r, i, proto, p) holds when allow block i of firewall rule
# r lets port p of protocol proto ("tcp" or "udp") through: no ports means
# every port (unless the ports are not known statically); a port is a
# number, a string "22" or a range "20-30".
firewall_opens(r, i, proto, p) if {
	a := lib.get(r, "allow", [])[i]
	_fw_proto(a, proto)
	_fw_no_ports(r, i, a)
}

firewall_opens(r, i, proto, p) if {
	a := lib.get(r, "allow", [])[i]
	_fw_proto(a, proto)
	some spec in object.get(a, "ports", [])
	_fw_covers(spec, p)
}

_fw_no_ports(r, i, a) if {
	count(object.get(a, "ports", [])) == 0
	not lib.is_unknown(r, sprintf("allow.%d.ports", [i]))
}

_fw_proto(a, proto) if object.get(a, "protocol", "") in {proto, "all", {"tcp": "6", "udp": "17"}[proto]}

_fw_covers(spec, p) if spec == p

_fw_covers(spec, p) if {
	is_string(spec)
	regex.match(`^[0-9]+$`, spec)
	to_number(spec) == p
}

_fw_covers(spec, p) if {
	is_string(spec)
	parts := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, spec, 1)[0]
	to_number(parts[1]) <= p
	p <= to_number(parts[2])
}

# firewall_all_ports(r, i) holds when allow block i of firewall rule r lets
# every port of TCP or UDP (or every protocol) through.
firewall_all_ports(r, i) if object.get(lib.get(r, "allow", [])[i], "protocol", "") == "all"

firewall_all_ports(r, i) if {
	a := lib.get(r, "allow", [])[i]
	object.get(a, "protocol", "") in {"tcp", "udp", "6", "17"}
	_fw_no_ports(r, i, a)
}

firewall_all_ports(r, i) if {
	a := lib.get(r, "allow", [])[i]
	object.get(a, "protocol", "") in {"tcp", "udp", "6", "17"}
	some spec in object.get(a, "ports", [])
	spec in {"0-65535", "1-65535"}
}

# project_named(r, path, project) holds when the attribute at path of r (a
# sink's or an audit config's project) names the google_project project, by
# reference or by its literal project_id.
project_named(r, path, project) if lib.refers_to(r, path, project)

project_named(r, path, project) if {
	v := lib.get(r, path, null)
	is_string(v)
	v in {lib.get(project, "project_id", ""), concat("/", ["projects", lib.get(project, "project_id", "")])}
}

# project_parent(r, path, project) holds when the attribute at path of r (an
# organisation's org_id or a folder) names the organisation or folder that
# the google_project project sits in.
project_parent(r, path, project) if {
	some ppath in ["org_id", "folder_id"]
	v := lib.get(r, path, null)
	v != null
	pv := lib.get(project, ppath, null)
	pv != null
	trim_prefix(trim_prefix(sprintf("%v", [v]), "organizations/"), "folders/") == trim_prefix(trim_prefix(sprintf("%v", [pv]), "organizations/"), "folders/")
}

project_parent(r, path, project) if {
	some a in object.get(r, ["refs", path], [])
	some b in object.get(project, ["refs", "folder_id"], [])
	a == b
}

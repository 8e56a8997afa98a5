# Helpers for rules over the Terraform azurerm provider.
package attest.lib.azure

import data.attest.lib

# public_source(p) holds for an NSG address prefix that stands for any
# address: the wildcard, the default route or the Internet service tag.
public_source(p) if lower(p) in {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}

# sources(rule) is every source prefix of an NSG rule (an inline
# security_rule block's attributes or an azurerm_network_security_rule's).
sources(rule) := {p | some p in object.get(rule, "source_address_prefixes", [])} | {p |
	p := object.get(rule, "source_address_prefix", null)
	p != null
}

# ports(rule) is every destination port spec of an NSG rule.
ports(rule) := {p | some p in object.get(rule, "destination_port_ranges", [])} | {p |
	p := object.get(rule, "destination_port_range", null)
	p != null
}

# covers(spec, port): an NSG port spec ("*", "22", "20-30") includes port.
covers("*", _)

covers(spec, port) if {
	is_string(spec)
	regex.match(`^[0-9]+$`, spec)
	to_number(spec) == port
}

covers(spec, port) if {
	is_number(spec)
	spec == port
}

covers(spec, port) if {
	is_string(spec)
	parts := regex.find_all_string_submatch_n(`^([0-9]+)-([0-9]+)$`, spec, 1)[0]
	to_number(parts[1]) <= port
	port <= to_number(parts[2])
}

# allows_inbound_tcp(rule) holds for a rule that lets inbound TCP through.
allows_inbound_tcp(rule) if {
	lower(object.get(rule, "direction", "")) == "inbound"
	lower(object.get(rule, "access", "")) == "allow"
	lower(object.get(rule, "protocol", "")) in {"tcp", "*"}
}

# nsg_rules is every NSG rule that input.resource holds: the inline
# security_rule blocks of an azurerm_network_security_group, or the
# attributes of an azurerm_network_security_rule.
nsg_rules contains r if {
	input.resource.type == "azurerm_network_security_group"
	some r in lib.get(input.resource, "security_rule", [])
}

nsg_rules contains input.resource.attributes if input.resource.type == "azurerm_network_security_rule"

# nsg_rule_paths are the attributes of an NSG rule that decide what it lets
# through.
nsg_rule_paths := ["direction", "access", "protocol", "source_address_prefix", "source_address_prefixes", "destination_port_range", "destination_port_ranges"]

# nsg_undetermined holds when some rule of input.resource could let traffic
# through but its direction, access, protocol, sources or ports are not
# known statically.
nsg_undetermined if lib.is_unknown(input.resource, "security_rule")

nsg_undetermined if {
	input.resource.type == "azurerm_network_security_rule"
	some path in nsg_rule_paths
	lib.is_unknown(input.resource, path)
}

# public_tcp_exposures(ports) is the set of [rule name, port, source] for
# every inbound TCP allow rule of input.resource that opens one of ports to
# any address.
public_tcp_exposures(wanted) := {[object.get(r, "name", "?"), port, src] |
	some r in nsg_rules
	allows_inbound_tcp(r)
	some src in sources(r)
	public_source(src)
	some spec in ports(r)
	some port in wanted
	covers(spec, port)
}

# pick(r, names, d) is the value of the first attribute of names that r
# sets, or d. The azurerm provider renamed several attributes in version 4
# (enable_rbac_authorization became rbac_authorization_enabled, say), and a
# configuration may use either name.
pick(r, names, d) := v if {
	vals := [x | some n in names; x := lib.get(r, n, null); x != null]
	count(vals) > 0
	v := vals[0]
} else := d

# any_unknown(r, names) holds when one of the attributes names is not known
# statically.
any_unknown(r, names) if {
	some n in names
	lib.is_unknown(r, n)
}

# server_param_links are the attributes through which a server parameter
# resource names its server: server_id for PostgreSQL flexible servers,
# server_name (with resource_group_name) for MySQL flexible servers.
server_param_links := ["server_id", "server_name"]

# server_param_resources(t) is every resource of type t that names
# input.resource as its server.
server_param_resources(t) := {c |
	some path in server_param_links
	some c in lib.linked(t, path)
}

# server_params(t, name) is the set of values (lower case) that resources of
# type t (azurerm_postgresql_flexible_server_configuration,
# azurerm_mysql_flexible_server_configuration) give the server parameter
# name on input.resource.
server_params(t, name) := {lower(v) |
	some c in server_param_resources(t)
	lib.get(c, "name", "") == name
	v := lib.get(c, "value", null)
	is_string(v)
}

# server_param_unknown(t, name) holds when a parameter of input.resource
# might be name, or might be set, without the loader knowing it.
server_param_unknown(t, _) if {
	some path in server_param_links
	lib.may_link(t, path)
}

server_param_unknown(t, _) if {
	some c in server_param_resources(t)
	lib.is_unknown(c, "name")
}

server_param_unknown(t, name) if {
	some c in server_param_resources(t)
	lib.get(c, "name", "") == name
	lib.is_unknown(c, "value")
}

pricing := "azurerm_security_center_subscription_pricing"

# plan_type(p) is the Defender for Cloud plan a subscription pricing
# resource sets; the provider defaults resource_type to VirtualMachines.
plan_type(p) := lib.get(p, "resource_type", "VirtualMachines")

# defender_standard(types) holds when the root turns on, at the Standard
# tier, one of the Defender for Cloud plans types.
defender_standard(types) if {
	some p in lib.resources(pricing)
	not lib.is_unknown(p, "resource_type")
	plan_type(p) in types
	lib.get(p, "tier", "") == "Standard"
}

# defender_undecided(types) holds when the root cannot show whether one of
# the plans types is on: it declares no plan at all (they are often set in
# another configuration, for the whole subscription), or a plan's type or
# tier is not known statically.
defender_undecided(_) if count(lib.resources(pricing)) == 0

defender_undecided(_) if {
	some p in lib.resources(pricing)
	lib.is_unknown(p, "resource_type")
}

defender_undecided(types) if {
	some p in lib.resources(pricing)
	not lib.is_unknown(p, "resource_type")
	plan_type(p) in types
	lib.is_unknown(p, "tier")
}

# app_types are the App Service apps the app rules judge.
app_types := {"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app"}

diagnostic_setting := "azurerm_monitor_diagnostic_setting"

# diagnostic_settings is every diagnostic setting in the root whose target
# is input.resource or one of its sub-resources (a storage account's
# blobServices/default): by a reference to it, or by a literal resource id
# with its name as a segment.
diagnostic_settings := lib.linked(diagnostic_setting, "target_resource_id") | {s |
	name := lower(lib.get(input.resource, "name", ""))
	name != ""
	some s in lib.resources(diagnostic_setting)
	target := lib.get(s, "target_resource_id", null)
	is_string(target)
	names_segment(lower(target), name)
}

# names_segment(id, name) holds when the Azure resource id (lower case)
# names a resource called name right after its provider namespace and type
# (.../providers/microsoft.keyvault/vaults/<name>), so that a resource group
# or subscription segment of the same text does not count.
names_segment(id, name) if {
	segments := split(id, "/")
	some i, s in segments
	s == name
	i >= 2
	startswith(segments[i - 2], "microsoft.")
}

# present(r, path) holds when the attribute at path of r has a value: a
# literal, or an expression that refers to another resource (a key or
# encryption set id that is only known after apply).
present(r, path) if {
	v := lib.get(r, path, null)
	v != null
	v != ""
}

present(r, path) if count(object.get(r, ["refs", path], [])) > 0

# undecided(r, path) holds when the attribute at path of r is not known
# statically and refers to no resource: whether it is set cannot be told.
undecided(r, path) if {
	lib.is_unknown(r, path)
	not present(r, path)
}

# logged_categories(s) is the set of log categories and category groups a
# diagnostic setting sends (enabled_log blocks, and the enabled log blocks
# of azurerm 3).
logged_categories(s) := {c |
	some b in lib.get(s, "enabled_log", [])
	some k in ["category", "category_group"]
	c := object.get(b, k, "")
	c != ""
} | {c |
	some b in lib.get(s, "log", [])
	object.get(b, "enabled", true) == true
	some k in ["category", "category_group"]
	c := object.get(b, k, "")
	c != ""
}

# subscription_scope(r, path) holds when the attribute at path of r (a
# diagnostic setting's target, an alert's scopes) is a whole subscription:
# a literal /subscriptions/<id>, or a reference to an azurerm_subscription
# resource or data source.
subscription_scope(r, path) if {
	some v in lib.as_list(lib.get(r, path, []))
	is_string(v)
	regex.match(`^/subscriptions/[^/]+/?$`, v)
}

subscription_scope(r, path) if {
	some address in object.get(r, ["refs", path], [])
	regex.match(`(^|\.)(data\.)?azurerm_subscription\.`, address)
}

# Package attest.lib.aws holds helpers shared by the AWS rules: joins from a
# resource to the separate resources that configure it (a bucket and its
# aws_s3_bucket_policy, a VPC and its aws_flow_log), aware of values that are
# not known statically, and readers for IAM policy documents.
package attest.lib.aws

import data.attest.lib

# linked(t, path) is every resource of type t in the same root whose
# attribute path names input.resource, by reference or by literal
# identifier: lib.linked, given as the engine's index gives it (a list in
# which no resource repeats) rather than copied into a set, since the AWS
# rules only iterate over it and count it. It is the most called join.
linked(t, path) := object.get(input.referrers, [t, path], [])

# may_link is the provider-neutral lib.may_link, kept here under the name
# the AWS rules use.

may_link(t, path) if lib.may_link(t, path)

# statements(policy) are the statements of an IAM policy document given as a
# JSON string or an object.
statements(policy) := lib.statements(policy)

# values(x) is x as a list of values: a list stays a list, a scalar becomes a
# list of one, null becomes the empty list.
values(x) := [] if x == null

values(x) := x if is_array(x)

values(x) := [x] if {
	x != null
	not is_array(x)
}

# is_false(v) holds for the IAM condition value false, however written.
is_false(v) if _false_scalar(v)

is_false(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		_false_scalar(x)
	}
}

_false_scalar(v) if v == false

_false_scalar(v) if {
	is_string(v)
	lower(v) == "false"
}

# condition_values(stmt, ops, key) is every value the statement's Condition
# gives key under one of the operators ops; operator and key names compare
# without regard to case, as IAM does for keys.
condition_values(stmt, ops, key) := [v |
	some op, kv in object.get(stmt, "Condition", {})
	some o in ops
	lower(op) == lower(o)
	some k, v in kv
	lower(k) == lower(key)
]

# everyone(stmt) holds when the statement's Principal is every principal.
everyone(stmt) if stmt.Principal == "*"

everyone(stmt) if "*" in values(object.get(stmt.Principal, "AWS", null))

everyone(stmt) if not "Principal" in object.keys(stmt)

# actions(stmt) is the statement's Action as a list of lower-case strings.
actions(stmt) := [lower(a) | some a in values(object.get(stmt, "Action", null))]

# resources(stmt) is the statement's Resource as a list of strings.
resources(stmt) := values(object.get(stmt, "Resource", null))

# unreadable(policy) holds when the policy is a string that is not JSON: no
# statement of it can be read.
unreadable(policy) if {
	is_string(policy)
	not json.is_valid(policy)
}

# opaque_statement(policy) holds when a statement of the policy is not an
# object: the loader wrote lib.unknown_value for a statement it could not know.
opaque_statement(policy) if {
	some stmt in statements(policy)
	not is_object(stmt)
}

# may_contain(list, v) holds when v is in list or list has an element that is
# not known statically.
may_contain(list, v) if v in list

may_contain(list, _) if lib.unknown_value in list

# has_unknown(list) holds when an element of list is not known statically.
has_unknown(list) if lib.unknown_value in list

# may_be_everyone(stmt) holds when the statement's Principal is, or may be,
# every principal.
may_be_everyone(stmt) if everyone(stmt)

may_be_everyone(stmt) if has_unknown(values(object.get(stmt.Principal, "AWS", null)))

# condition_may_be_false(stmt, ops, key) holds when the statement's Condition
# gives key the value false under one of ops, or might: the condition, the
# operator's map or one of the values is not known statically.
condition_may_be_false(stmt, ops, key) if {
	some v in condition_values(stmt, ops, key)
	_may_be_false(v)
}

condition_may_be_false(stmt, _, _) if stmt.Condition == lib.unknown_value

condition_may_be_false(stmt, ops, _) if {
	some op, kv in object.get(stmt, "Condition", {})
	some o in ops
	lower(op) == lower(o)
	not is_object(kv)
}

_may_be_false(v) if is_false(v)

_may_be_false(v) if v == lib.unknown_value

_may_be_false(v) if {
	is_array(v)
	lib.unknown_value in v
	every x in v {
		_false_or_unknown(x)
	}
}

_false_or_unknown(x) if _false_scalar(x)

_false_or_unknown(x) if x == lib.unknown_value

# World CIDRs: every IPv4 or every IPv6 address.
world_cidrs := {"0.0.0.0/0", "::/0"}

# ingress_entries is the set of ingress permissions that input.resource
# declares, whatever its type: inline ingress blocks of aws_security_group,
# an aws_security_group_rule of type ingress, an
# aws_vpc_security_group_ingress_rule, or their CloudFormation counterparts. Each entry is an object with the
# attribute path it came from, from and to ports (null when absent), the
# protocol in lower case and the list of source CIDRs.
ingress_entries contains e if {
	input.resource.type == "aws_security_group"
	some i, b in object.get(input.resource.attributes, "ingress", [])
	e := _entry(
		sprintf("ingress.%d", [i]), b, "protocol",
		array.concat(values(object.get(b, "cidr_blocks", null)), values(object.get(b, "ipv6_cidr_blocks", null))),
	)
}

ingress_entries contains e if {
	input.resource.type == "aws_security_group_rule"
	lib.get(input.resource, "type", "") == "ingress"
	b := input.resource.attributes
	e := _entry(
		"", b, "protocol",
		array.concat(values(object.get(b, "cidr_blocks", null)), values(object.get(b, "ipv6_cidr_blocks", null))),
	)
}

ingress_entries contains e if {
	input.resource.type == "aws_vpc_security_group_ingress_rule"
	b := input.resource.attributes
	e := _entry(
		"", b, "ip_protocol",
		array.concat(values(object.get(b, "cidr_ipv4", null)), values(object.get(b, "cidr_ipv6", null))),
	)
}

# CloudFormation: the SecurityGroupIngress list of an AWS::EC2::SecurityGroup
# and a standalone AWS::EC2::SecurityGroupIngress, whose ports may be written
# as strings.
ingress_entries contains e if {
	input.resource.type == "AWS::EC2::SecurityGroup"
	some i, b in object.get(input.resource.attributes, "SecurityGroupIngress", [])
	is_object(b)
	e := _cfn_entry(sprintf("SecurityGroupIngress.%d", [i]), b)
}

ingress_entries contains e if {
	input.resource.type == "AWS::EC2::SecurityGroupIngress"
	e := _cfn_entry("", input.resource.attributes)
}

_cfn_entry(path, b) := {
	"path": path,
	"from": _port(object.get(b, "FromPort", null)),
	"to": _port(object.get(b, "ToPort", null)),
	"protocol": lower(sprintf("%v", [object.get(b, "IpProtocol", "tcp")])),
	"cidrs": array.concat(values(object.get(b, "CidrIp", null)), values(object.get(b, "CidrIpv6", null))),
}

_port(p) := to_number(p) if {
	is_string(p)
	regex.match(`^-?[0-9]+$`, p)
} else := p

_entry(path, b, protocol_key, cidrs) := {
	"path": path,
	"from": object.get(b, "from_port", null),
	"to": object.get(b, "to_port", null),
	"protocol": lower(sprintf("%v", [object.get(b, protocol_key, "tcp")])),
	"cidrs": cidrs,
}

# world_ingress is the set of ingress entries open to the whole internet.
world_ingress contains e if {
	some e in ingress_entries
	some c in e.cidrs
	c in world_cidrs
}

all_protocols(e) if e.protocol in {"-1", "all"}

# allows_port(e, port, protocols) holds when entry e lets traffic reach port
# over one of protocols (names such as "tcp", "udp"). Ranges are compared as
# numbers, never expanded.
allows_port(e, _, _) if all_protocols(e)

allows_port(e, port, protocols) if {
	_protocol_name(e.protocol) in protocols
	is_number(e.from)
	is_number(e.to)
	e.from <= port
	port <= e.to
}

# all_ports(e) holds when entry e opens every port: every protocol, or a TCP
# or UDP range from 0 (or 1) to 65535.
all_ports(e) if all_protocols(e)

all_ports(e) if {
	_protocol_name(e.protocol) in {"tcp", "udp"}
	is_number(e.from)
	is_number(e.to)
	e.from <= 1
	e.to >= 65535
}

_protocol_name(p) := "tcp" if p in {"tcp", "6"}

_protocol_name(p) := "udp" if p in {"udp", "17"}

_protocol_name(p) := p if not p in {"tcp", "6", "udp", "17"}

# ingress_undetermined holds when an ingress permission of input.resource
# could not be read: a port, protocol or CIDR is unknown, or the ingress
# blocks themselves are.
ingress_undetermined if {
	input.resource.type == "aws_security_group"
	"ingress" in object.get(input.resource, "unknown", [])
}

# An ingress element unknown as a whole (ingress = [local.rule]) has no
# entry to read.
ingress_undetermined if {
	input.resource.type == "aws_security_group"
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^ingress\.[0-9]+$`, u)
}

ingress_undetermined if {
	_ingress_unknowns
	some e in ingress_entries
	some k in ["from_port", "to_port", "protocol", "ip_protocol", "cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"]
	lib.is_unknown(input.resource, _join(e.path, k))
}

# _has_unknowns holds when input.resource lists a path that is not known
# statically (or a parent of one): without one, lib.is_unknown holds for no
# path, and the walk over every ingress entry and field above is skipped.
_has_unknowns if input.resource.unknown

_has_unknowns if input.resource.unknown_parents

# _ingress_unknowns guards the walks over every ingress entry and field:
# for a Terraform resource it is _has_unknowns; for a CloudFormation one it
# holds when an unknown path starts with the name of an ingress list or of a
# field the walks ask about. Every path a walk tests, and every parent or
# child of one, starts so, so without such a path no walk can succeed; most
# templates leave something unknown (a VpcId, an account id), rarely there.
_ingress_unknowns if {
	not startswith(input.resource.type, "AWS::")
	_has_unknowns
}

_ingress_unknowns if {
	startswith(input.resource.type, "AWS::")
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^(SecurityGroupIngress|FromPort|ToPort|IpProtocol|CidrIp|from_port|to_port|protocol|ip_protocol|cidr_blocks|ipv6_cidr_blocks|cidr_ipv4|cidr_ipv6)`, u)
}

ingress_undetermined if {
	input.resource.type == "aws_security_group_rule"
	lib.is_unknown(input.resource, "type")
}

# _ingress_unknowns holds whenever a path of the pattern is unknown: it is
# asked first, once per resource, so that most groups skip the walk.
ingress_undetermined if {
	input.resource.type == "AWS::EC2::SecurityGroup"
	_ingress_unknowns
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^SecurityGroupIngress(\.[0-9]+)?$`, u)
}

ingress_undetermined if {
	startswith(input.resource.type, "AWS::EC2::SecurityGroup")
	_ingress_unknowns
	some e in ingress_entries
	some k in ["FromPort", "ToPort", "IpProtocol", "CidrIp", "CidrIpv6"]
	_join(e.path, k) in object.get(input.resource, "unknown", [])
}

_join("", k) := k

_join(p, k) := concat(".", [p, k]) if p != ""

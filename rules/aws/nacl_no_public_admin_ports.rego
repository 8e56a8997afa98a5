# METADATA
# title: Network ACLs do not admit SSH or RDP from the whole internet
# description: >-
#   A network ACL is the subnet's stateless filter; an allow entry for
#   0.0.0.0/0 (or ::/0) that covers port 22 or 3389 leaves administration
#   ports open to every address at the subnet's edge, whatever the security
#   groups say. An aws_network_acl fails for each such inline ingress block,
#   and an aws_network_acl_rule or AWS::EC2::NetworkAclEntry for itself (an
#   ingress allow entry whose protocol is all, TCP or UDP and whose port
#   range covers 22 or 3389). A port, protocol or CIDR known only at apply
#   time makes the verdict unknown.
# custom:
#   id: aws-nacl-no-public-admin-ports
#   severity: high
#   resource_types: [aws_network_acl, aws_network_acl_rule, "AWS::EC2::NetworkAclEntry"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.5, 1.3.1, 1.4.2, 2.2.7]
#   remediation: >-
#     Remove the allow entry for 0.0.0.0/0 on ports 22 and 3389, or narrow its
#     CIDR to the administration network; reach hosts through Session Manager.
#   remediation_by_format:
#     terraform: >-
#       In the aws_network_acl ingress block or aws_network_acl_rule, replace
#       cidr_block = "0.0.0.0/0" with the administration network's range, or
#       set rule_action = "deny" for ports 22 and 3389.
#     cloudformation: >-
#       In the AWS::EC2::NetworkAclEntry, replace CidrBlock 0.0.0.0/0 with the
#       administration network's range, or set RuleAction: deny.
package attest.rules.aws.nacl_no_public_admin_ports

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

admin_ports := {22: "SSH", 3389: "RDP"}

cfn if input.resource.format == "cloudformation"

# entries are the ingress entries of input.resource: the path they came
# from, their action, protocol, ports and CIDRs, named as in Terraform.
entries contains e if {
	input.resource.type == "aws_network_acl"
	some i, b in lib.get(input.resource, "ingress", [])
	e := {
		"path": sprintf("ingress.%d", [i]), "action": object.get(b, "action", ""),
		"protocol": object.get(b, "protocol", ""), "from": object.get(b, "from_port", null),
		"to": object.get(b, "to_port", null),
		"cidrs": [c | some k in ["cidr_block", "ipv6_cidr_block"]; c := object.get(b, k, null); c != null],
		"keys": ["action", "protocol", "from_port", "to_port", "cidr_block", "ipv6_cidr_block"],
	}
}

entries contains e if {
	input.resource.type == "aws_network_acl_rule"
	lib.get(input.resource, "egress", false) == false
	b := input.resource.attributes
	e := {
		"path": "", "action": object.get(b, "rule_action", ""),
		"protocol": object.get(b, "protocol", ""), "from": object.get(b, "from_port", null),
		"to": object.get(b, "to_port", null),
		"cidrs": [c | some k in ["cidr_block", "ipv6_cidr_block"]; c := object.get(b, k, null); c != null],
		"keys": ["rule_action", "protocol", "from_port", "to_port", "cidr_block", "ipv6_cidr_block", "egress"],
	}
}

entries contains e if {
	cfn
	org.normal(lib.get(input.resource, "Egress", false)) == false
	b := input.resource.attributes
	e := {
		"path": "", "action": object.get(b, "RuleAction", ""),
		"protocol": object.get(b, "Protocol", ""), "from": object.get(b, ["PortRange", "From"], null),
		"to": object.get(b, ["PortRange", "To"], null),
		"cidrs": [c | some k in ["CidrBlock", "Ipv6CidrBlock"]; c := object.get(b, k, null); c != null],
		"keys": ["RuleAction", "Protocol", "PortRange", "CidrBlock", "Ipv6CidrBlock", "Egress"],
	}
}

protocol(e) := lower(sprintf("%v", [e.protocol]))

number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+$`, v)
} else := v

opens(e, _) if protocol(e) in {"-1", "all"}

opens(e, port) if {
	protocol(e) in {"6", "tcp", "17", "udp"}
	is_number(number(e.from))
	is_number(number(e.to))
	number(e.from) <= port
	port <= number(e.to)
}

deny contains msg if {
	some e in entries
	lower(e.action) == "allow"
	some c in e.cidrs
	c in aws.world_cidrs
	some port, name in admin_ports
	opens(e, port)
	msg := sprintf("%s allows %s (port %d) from %s", [where(e), name, port, c])
}

where(e) := "the entry" if e.path == ""

where(e) := e.path if e.path != ""

unknown contains msg if {
	some e in entries
	some k in e.keys
	lib.is_unknown(input.resource, path_of(e, k))
	msg := sprintf("%s is not known statically", [path_of(e, k)])
}

unknown contains msg if {
	input.resource.type == "aws_network_acl"
	some u in object.get(input.resource, "unknown", [])
	regex.match(`^ingress(\.[0-9]+)?$`, u)
	msg := sprintf("%s is not known statically", [u])
}

path_of(e, k) := k if e.path == ""

path_of(e, k) := concat(".", [e.path, k]) if e.path != ""

# METADATA
# title: Public DNS zones do not publish internal addresses
# description: >-
#   An A or AAAA record of a public hosted zone that points at a private
#   address (RFC 1918, the 100.64.0.0/10 shared range, IPv6 unique local)
#   tells anyone on the internet how the internal network is laid out and
#   which hosts sit where: the map an attacker draws before moving
#   laterally. Internal names belong in a private hosted zone attached to
#   the VPCs. A record fails when it holds a private address and its zone,
#   declared in the same configuration, has no VPC association. It is
#   unknown when it might hold one (a value known only at apply time, such
#   as an instance's private_ip) in a public zone, or holds one in a zone
#   the configuration does not name (a literal zone id). A zone read by an
#   aws_route53_zone data source is public unless the data source asks for
#   a private one (private_zone = true or vpc_id).
#   Alias records and other record types pass. The record sets of an
#   AWS::Route53::RecordSetGroup are judged together, on the group.
# custom:
#   id: aws-route53-no-private-addresses
#   severity: low
#   resource_types: [aws_route53_record, "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.4.5]
#   remediation: Move records that point at private addresses into a private hosted zone associated with the VPCs that need them.
#   remediation_by_format:
#     terraform: >-
#       Create an aws_route53_zone with a vpc { vpc_id = ... } block for the
#       internal names and point the aws_route53_record's zone_id at it.
#     cloudformation: >-
#       Create an AWS::Route53::HostedZone with VPCs: [{VPCId: ...,
#       VPCRegion: ...}] for the internal names and point the RecordSet's
#       HostedZoneId at it.
package attest.rules.aws.route53_no_private_addresses

import data.attest.lib
import data.attest.lib.aws.svc

names := {
	"type": "Type", "records": "ResourceRecords", "zone": "HostedZoneId", "zone_name": "HostedZoneName",
	"zone_type": "AWS::Route53::HostedZone", "vpc": "VPCs", "name": "Name",
} if svc.cfn

names := {
	"type": "type", "records": "records", "zone": "zone_id", "zone_name": "",
	"zone_type": "aws_route53_zone", "vpc": "vpc", "name": "name",
} if not svc.cfn

# prefixes are the dot-path prefixes of the record sets the resource
# declares: the resource itself, or each entry of a RecordSetGroup.
prefixes := [sprintf("RecordSets.%d.", [i]) | some i, _ in lib.get(input.resource, "RecordSets", [])] if {
	input.resource.type == "AWS::Route53::RecordSetGroup"
} else := [""]

# label(p) names a record set of a group in messages.
label(p) := "" if p == ""

label(p) := sprintf("%s (%s): ", [lib.get(input.resource, concat("", [p, "Name"]), "?"), trim_suffix(p, ".")]) if p != ""

address_record(p) if upper(lib.get(input.resource, concat("", [p, names.type]), "")) in {"A", "AAAA"}

private_addresses(p) := {trim_space(v) |
	some v in lib.get(input.resource, concat("", [p, names.records]), [])
	is_string(v)
	lib.internal_address(v)
}

records_unknown(p) if lib.is_unknown(input.resource, concat("", [p, names.records]))

# zones are the hosted zones of the configuration the record is in, by
# reference or (CloudFormation) by HostedZoneName.
zones contains z if {
	some z in lib.resources(names.zone_type)
	z.address in object.get(input.resource, ["refs", names.zone], [])
}

zones contains z if {
	svc.cfn
	zone_name := lib.get(input.resource, names.zone_name, null)
	is_string(zone_name)
	some z in lib.resources(names.zone_type)
	trim_suffix(lower(object.get(z.attributes, "Name", "")), ".") == trim_suffix(lower(zone_name), ".")
}

private_zone(z) if {
	not data_source(z)
	count(object.get(z.attributes, names.vpc, [])) > 0
}

# A data source finds a private zone only when asked to (private_zone or
# vpc_id); otherwise it finds the public zone of that name.
private_zone(z) if {
	data_source(z)
	svc.normal(object.get(z.attributes, "private_zone", false)) == true
}

private_zone(z) if {
	data_source(z)
	object.get(z.attributes, "vpc_id", "") != ""
}

data_source(z) if startswith(z.address, "data.")

zone_undecided(z) if {
	not data_source(z)
	lib.is_unknown(z, names.vpc)
}

zone_undecided(z) if {
	data_source(z)
	some attr in ["private_zone", "vpc_id"]
	lib.is_unknown(z, attr)
}

public_zone if {
	some z in zones
	not private_zone(z)
	not zone_undecided(z)
}

zone_known if {
	count(zones) > 0
	every z in zones {
		not zone_undecided(z)
	}
}

deny contains msg if {
	some p in prefixes
	address_record(p)
	public_zone
	count(private_addresses(p)) > 0
	msg := sprintf("%sthe public zone publishes the internal address(es) %s", [label(p), concat(", ", sort(private_addresses(p)))])
}

unknown contains msg if {
	some p in prefixes
	lib.is_unknown(input.resource, concat("", [p, names.type]))
	msg := sprintf("%s%s is not known statically", [label(p), names.type])
}

unknown contains msg if {
	input.resource.type == "AWS::Route53::RecordSetGroup"
	"RecordSets" in object.get(input.resource, "unknown", [])
	msg := "RecordSets is not known statically"
}

unknown contains msg if {
	some p in prefixes
	address_record(p)
	count(private_addresses(p)) > 0
	not zone_known
	msg := sprintf("%sthe record holds an internal address, and whether its zone is public is not known from this configuration", [label(p)])
}

unknown contains msg if {
	some p in prefixes
	address_record(p)
	count(private_addresses(p)) == 0
	records_unknown(p)
	not public_zone_excluded
	msg := sprintf("%s%s is not known statically and may hold an internal address", [label(p), names.records])
}

# public_zone_excluded holds when every zone of the record is known to be
# private, where any address may be published.
public_zone_excluded if {
	zone_known
	every z in zones {
		private_zone(z)
	}
}

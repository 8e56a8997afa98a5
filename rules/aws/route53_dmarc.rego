# METADATA
# title: Public zones that receive mail publish a DMARC policy that quarantines or rejects
# description: >-
#   Phishing mail that claims to come from the company's own domain is the
#   cheapest way to reach its staff and customers. A DMARC record
#   (_dmarc.<domain>, TXT "v=DMARC1; p=...") tells receiving mail servers
#   to quarantine or reject mail from the domain that fails SPF and DKIM
#   alignment, and where to send reports of it; with p=none it only
#   reports. A public hosted zone with an MX record fails unless a TXT
#   record of the zone named _dmarc holds v=DMARC1 with p=quarantine or
#   p=reject. Records are joined to the zone by reference or by zone name
#   (aws_route53_record, AWS::Route53::RecordSet and the record sets of an
#   AWS::Route53::RecordSetGroup). Zones without MX records and private
#   zones pass. A record whose zone, type, name or value is known only at
#   apply time makes the verdict unknown when it might decide it.
# custom:
#   id: aws-route53-dmarc
#   severity: medium
#   resource_types: [aws_route53_zone, "AWS::Route53::HostedZone"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [5.4.1]
#   remediation: Publish a DMARC record with p=quarantine or p=reject for the domain (after a period with p=none and reports to confirm legitimate senders align).
#   remediation_by_format:
#     terraform: >-
#       resource "aws_route53_record" "dmarc" { zone_id =
#       aws_route53_zone.this.zone_id; name = "_dmarc"; type = "TXT"; ttl =
#       300; records = ["v=DMARC1; p=reject; rua=mailto:dmarc@example.com"] }
#     cloudformation: >-
#       Add an AWS::Route53::RecordSet with HostedZoneId: !Ref the zone,
#       Name: _dmarc.example.com, Type: TXT, TTL: "300" and ResourceRecords:
#       ['"v=DMARC1; p=reject; rua=mailto:dmarc@example.com"'].
package attest.rules.aws.route53_dmarc

import data.attest.lib
import data.attest.lib.aws.svc

zone_name := lower(trim_suffix(lib.get(input.resource, "Name", ""), ".")) if svc.cfn

zone_name := lower(trim_suffix(lib.get(input.resource, "name", ""), ".")) if not svc.cfn

private if count(lib.get(input.resource, "VPCs", [])) > 0

private if count(lib.get(input.resource, "vpc", [])) > 0

# records are the zone's records as {type, name, values, unknown}, where
# unknown holds when one of the three is not known statically.
records contains rec if {
	not svc.cfn
	some r in lib.referrers("aws_route53_record", "zone_id")
	rec := _record(r, r.attributes, "", {"type": "type", "name": "name", "values": "records"})
}

records contains rec if {
	svc.cfn
	some r in _cfn_sets("AWS::Route53::RecordSet")
	rec := _record(r, r.attributes, "", _cfn_names)
}

records contains rec if {
	svc.cfn
	some g in _cfn_sets("AWS::Route53::RecordSetGroup")
	some i, s in lib.get(g, "RecordSets", [])
	is_object(s)
	rec := _record(g, s, sprintf("RecordSets.%d.", [i]), _cfn_names)
}

_cfn_names := {"type": "Type", "name": "Name", "values": "ResourceRecords"}

_cfn_sets(t) := {r |
	some r in lib.resources(t)
	input.resource.address in object.get(r, ["refs", "HostedZoneId"], [])
} | {r |
	some r in lib.resources(t)
	n := object.get(r.attributes, "HostedZoneName", null)
	is_string(n)
	lower(trim_suffix(n, ".")) == zone_name
}

_record(r, attrs, prefix, n) := {
	"type": upper(object.get(attrs, n.type, "")),
	"name": lower(trim_suffix(object.get(attrs, n.name, ""), ".")),
	"values": [v | some v in object.get(attrs, n.values, []); is_string(v)],
	"type_unknown": _unknown(r, concat("", [prefix, n.type])),
	"unknown": _any_unknown(r, prefix, n),
}

_any_unknown(r, prefix, n) if {
	some k in [n.type, n.name, n.values]
	lib.is_unknown(r, concat("", [prefix, k]))
} else := false

_unknown(r, path) if lib.is_unknown(r, path) else := false

# Records whose zone is not known statically might belong to this zone.
unresolved if {
	not svc.cfn
	lib.may_link("aws_route53_record", "zone_id")
}

unresolved if {
	svc.cfn
	some t in ["AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup"]
	some r in lib.resources(t)
	some k in ["HostedZoneId", "HostedZoneName"]
	lib.is_unknown(r, k)
	count(object.get(r, ["refs", k], [])) == 0
}

mail if {
	some r in records
	r.type == "MX"
}

mail_maybe if {
	some r in records
	r.type_unknown == true
}

mail_maybe if unresolved

dmarc_name(name) if name in {"_dmarc", concat(".", ["_dmarc", zone_name])}

dmarc_records contains text if {
	some r in records
	r.type == "TXT"
	dmarc_name(r.name)
	text := concat("", [replace(v, "\"", "") | some v in r.values])
	regex.match(`(?i)^\s*v\s*=\s*DMARC1\b`, text)
}

enforcing(text) if regex.match(`(?i)(^|;)\s*p\s*=\s*(quarantine|reject)\s*(;|$)`, text)

enforced if {
	some text in dmarc_records
	enforcing(text)
}

dmarc_maybe if {
	some r in records
	r.unknown == true
	r.type in {"TXT", ""}
}

dmarc_maybe if unresolved

deny contains msg if {
	not private
	mail
	not enforced
	not dmarc_maybe
	count(dmarc_records) == 0
	msg := sprintf("the zone receives mail (MX) but publishes no DMARC record at _dmarc.%s", [zone_name])
}

deny contains msg if {
	not private
	mail
	not enforced
	not dmarc_maybe
	count(dmarc_records) > 0
	msg := sprintf("the DMARC record of %s neither quarantines nor rejects mail that fails it (p=none or no p)", [zone_name])
}

unknown contains msg if {
	not private
	not enforced
	mail_maybe
	not mail
	msg := "a record that might be an MX record of the zone is not known statically"
}

unknown contains msg if {
	not private
	mail
	not enforced
	dmarc_maybe
	msg := "a record that might be the zone's DMARC record is not known statically"
}

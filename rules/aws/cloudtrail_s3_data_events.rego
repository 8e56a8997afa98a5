# METADATA
# title: CloudTrail records S3 object-level data events
# description: >-
#   A trail records management events (who created or reconfigured a bucket)
#   but not who read, wrote or deleted an object unless it is told to log S3
#   data events. Without them there is no record of which principal
#   downloaded a file of customer data. A trail passes when it, or another
#   trail declared in the same configuration (data events are often given a
#   trail of their own), logs both read and write data events for
#   AWS::S3::Object, through basic event selectors (a data_resource of that
#   type with ARNs) or advanced event selectors (resources.type equal to
#   AWS::S3::Object). A selector limited to reads or writes covers only
#   that half. Selectors not known statically, or a covering trail that
#   exists only under a count or for_each known at apply time, make the
#   verdict unknown.
# custom:
#   id: aws-cloudtrail-s3-data-events
#   severity: medium
#   resource_types: [aws_cloudtrail, "AWS::CloudTrail::Trail"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 10.2.1.1]
#   remediation: >-
#     Log S3 data events, reads and writes, for all buckets or at least those
#     holding sensitive data, on this trail or a dedicated one.
#   remediation_by_format:
#     terraform: >-
#       event_selector { read_write_type = "All"; include_management_events =
#       true; data_resource { type = "AWS::S3::Object"; values =
#       ["arn:aws:s3"] } } on the aws_cloudtrail (or an
#       advanced_event_selector with field_selector { field = "eventCategory";
#       equals = ["Data"] } and field_selector { field = "resources.type";
#       equals = ["AWS::S3::Object"] }).
#     cloudformation: >-
#       EventSelectors: [{ReadWriteType: All, IncludeManagementEvents: true,
#       DataResources: [{Type: AWS::S3::Object, Values: ["arn:aws:s3"]}]}] on
#       the AWS::CloudTrail::Trail.
package attest.rules.aws.cloudtrail_s3_data_events

import data.attest.lib
import data.attest.lib.aws.governance as gov

object_type := "AWS::S3::Object"

trails := gov.in_root(["aws_cloudtrail", "AWS::CloudTrail::Trail"])

cfn(r) if r.format == "cloudformation"

# names gives the attribute names in each format.
names(r) := {
	"basic": "EventSelectors", "resources": "DataResources", "type": "Type", "values": "Values",
	"rw": "ReadWriteType", "advanced": "AdvancedEventSelectors", "fields": "FieldSelectors",
	"field": "Field", "equals": "Equals",
} if cfn(r)

names(r) := {
	"basic": "event_selector", "resources": "data_resource", "type": "type", "values": "values",
	"rw": "read_write_type", "advanced": "advanced_event_selector", "fields": "field_selector",
	"field": "field", "equals": "equals",
} if not cfn(r)

list(x) := x if is_array(x)

list(x) := [] if not is_array(x)

# covers(r, half) holds when trail r logs S3 object events of that half
# ("read" or "write"). A selector with a part not known statically covers
# nothing: its defaults must not stand in for the unknown value.
covers(r, half) if {
	n := names(r)
	some i, s in list(lib.get(r, n.basic, []))
	is_object(s)
	not lib.is_unknown(r, sprintf("%s.%d", [n.basic, i]))
	some d in list(object.get(s, n.resources, []))
	is_object(d)
	object.get(d, n.type, "") == object_type
	count(list(object.get(d, n.values, []))) > 0
	half in _basic_halves[object.get(s, n.rw, "All")]
}

covers(r, half) if {
	n := names(r)
	some i, s in list(lib.get(r, n.advanced, []))
	is_object(s)
	not lib.is_unknown(r, sprintf("%s.%d", [n.advanced, i]))
	fields := [f | some f in list(object.get(s, n.fields, [])); is_object(f)]
	some f in fields
	object.get(f, n.field, "") == "resources.type"
	object_type in list(object.get(f, n.equals, []))
	half in _advanced_halves(fields, n)
}

_basic_halves := {"All": {"read", "write"}, "ReadOnly": {"read"}, "WriteOnly": {"write"}}

_advanced_halves(fields, n) := {"read", "write"} if {
	not _has_read_only(fields, n)
}

_advanced_halves(fields, n) := hs if {
	_has_read_only(fields, n)
	hs := {h |
		some f in fields
		object.get(f, n.field, "") == "readOnly"
		some v in list(object.get(f, n.equals, []))
		h := _read_only_half[lower(sprintf("%v", [v]))]
	}
}

_has_read_only(fields, n) if {
	some f in fields
	object.get(f, n.field, "") == "readOnly"
}

_read_only_half := {"true": "read", "false": "write"}

# undetermined(r) holds when a selector of r is not known statically.
undetermined(r) if {
	n := names(r)
	some u in object.get(r, "unknown", [])
	some k in [n.basic, n.advanced]
	_under(u, k)
}

_under(u, k) if u == k

_under(u, k) if startswith(u, concat("", [k, "."]))

# _covered is every [i, half] where trails[i] covers half. Whether a trail
# covers a half is decided here, once per evaluation: as calls of
# certain_half and maybe_half (whose failures are not cached) it was decided
# again for every question asked about it.
_covered contains [i, half] if {
	some i, r in trails
	some half in ["read", "write"]
	covers(r, half)
}

certain_half(half) if {
	some [i, h] in _covered
	h == half
	not trails[i].conditional
}

# A trail that certainly covers a half covers it: maybe_half holds for every
# half of _covered, certain or not.
maybe_half(half) if {
	some [_, h] in _covered
	h == half
}

maybe_half(_) if _some_undetermined

_some_undetermined if {
	some r in trails
	undetermined(r)
}

missing contains half if {
	some half in ["read", "write"]
	not certain_half(half)
}

deny contains msg if {
	count(missing) > 0
	some half in missing
	not maybe_half(half)
	msg := sprintf("no trail of the configuration logs S3 object %s events", [half])
}

unknown contains msg if {
	count(missing) > 0
	every half in missing {
		maybe_half(half)
	}
	msg := "whether a trail logs S3 data events is not known statically (selectors or the trail's existence known only at apply time)"
}

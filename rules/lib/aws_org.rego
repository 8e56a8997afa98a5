# Package attest.lib.aws.org holds what the organisation rules (rules/org)
# share. Their subject is an AWS organisation as a whole, whose parts are
# usually spread over several roots: the organisation, its SCPs and the
# organisation trail in the management account's configuration, the log
# archive bucket in the log archive account's, Identity Center in its own.
# So these helpers look at every scanned root (data.scan.types), not only
# the root of input.resource, and read a setting of any resource (not only
# input.resource) in the format it came from.
package attest.lib.aws.org

import data.attest.lib

# everywhere(t) is every resource of type t in every scanned root.
everywhere(t) := rs if {
	rs := data.scan.types[t]
} else := []

# all_of(types) is every resource of one of types in every scanned root.
all_of(types) := [r | some t in types; some r in everywhere(t)]

# _names maps a CloudFormation type to its property paths by Terraform
# attribute path, for the settings these rules read of resources other
# than input.resource.
_names := {
	"AWS::CloudTrail::Trail": {
		"name": "TrailName",
		"s3_bucket_name": "S3BucketName",
		"is_organization_trail": "IsOrganizationTrail",
		"is_multi_region_trail": "IsMultiRegionTrail",
		"enable_log_file_validation": "EnableLogFileValidation",
		"kms_key_id": "KMSKeyId",
		"enable_logging": "IsLogging",
	},
	"AWS::Organizations::Policy": {
		"content": "Content",
		"type": "Type",
		"name": "Name",
	},
	"AWS::Organizations::OrganizationalUnit": {
		"name": "Name",
		"parent_id": "ParentId",
		"tags": "Tags",
	},
	"AWS::Organizations::Account": {
		"name": "AccountName",
		"parent_id": "ParentIds",
		"tags": "Tags",
	},
	"AWS::S3::Bucket": {
		"bucket": "BucketName",
		"object_lock_enabled": "ObjectLockEnabled",
	},
	"AWS::S3::BucketPolicy": {
		"bucket": "Bucket",
		"policy": "PolicyDocument",
	},
	"AWS::EKS::AccessEntry": {
		"cluster_name": "ClusterName",
		"principal_arn": "PrincipalArn",
	},
}

cfn(r) if r.format == "cloudformation"

# name(r, attr) is the path of setting attr (a Terraform attribute path) in
# the format of r.
name(r, attr) := _names[r.type][attr] if cfn(r)

name(r, attr) := attr if not cfn(r)

# get(r, attr, d) is the setting of r, or d when it is absent. CloudFormation
# values written as strings ("true") mean what they say.
get(r, attr, d) := normal(lib.get(r, name(r, attr), d))

# is_unknown(r, attr) holds when the setting, a part of it or a setting that
# holds it is not known statically.
is_unknown(r, attr) if lib.is_unknown(r, name(r, attr))

# refs(r, attr) are the addresses (in the root of r) that the setting
# referred to.
refs(r, attr) := object.get(r, ["refs", name(r, attr)], [])

# flag(r, attr, d) is the boolean setting as true, false or "unknown"; d
# stands for an absent setting only when the setting is known to be absent.
flag(r, attr, _) := "unknown" if is_unknown(r, attr)

flag(r, attr, d) := get(r, attr, d) == true if not is_unknown(r, attr)

# set(r, attr) holds when the setting is a non-empty value or refers to
# another resource (an identifier known only after deployment).
set(r, attr) if {
	v := get(r, attr, "")
	v != ""
	v != null
}

set(r, attr) if count(refs(r, attr)) > 0

normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := v

# referrers(target, t, path) are the resources of type t in the root of
# target whose attribute path names target (by reference or literal
# identifier), as data.scan.referrers indexes them.
referrers(target, t, path) := rs if {
	rs := data.scan.referrers[target.root][target.address][t][path]
} else := []

# conditional_referrers(target, t, path) are the referrers whose existence is
# not known statically.
conditional_referrers(target, t, path) := rs if {
	rs := data.scan.conditional_referrers[target.root][target.address][t][path]
} else := []

# names(r, attr, target) holds when the setting attr of r names target: by a
# reference in the same root, or by a literal equal to one of target's
# identifiers (its name, bucket, id or arn), in any root.
names(r, attr, target) if {
	r.root == target.root
	target.address in refs(r, attr)
}

names(r, attr, target) if {
	v := get(r, attr, null)
	is_string(v)
	v != ""
	some k in ["bucket", "name", "id", "arn", "BucketName"]
	object.get(target.attributes, k, null) == v
}

# trails is every CloudTrail trail of every scanned root.
trails := all_of(["aws_cloudtrail", "AWS::CloudTrail::Trail"])

# organization_trail(t) holds when trail t is known to be an organisation
# trail; maybe_organization_trail(t) when it is or may be one.
organization_trail(t) if flag(t, "is_organization_trail", false) == true

maybe_organization_trail(t) if organization_trail(t)

maybe_organization_trail(t) if flag(t, "is_organization_trail", false) == "unknown"

# exists(r) holds when r surely exists: no count or for_each known only at
# apply time may make none of it.
exists(r) if not r.conditional

# tag(r, key) is the value of tag key of r (compared without regard to
# case), in either format: a Terraform map or a CloudFormation list of
# Key/Value objects.
tag(r, key) := v if {
	not cfn(r)
	some k, v in lib.get(r, "tags", {})
	lower(k) == lower(key)
}

tag(r, key) := v if {
	cfn(r)
	some t in lib.get(r, "Tags", [])
	is_object(t)
	lower(object.get(t, "Key", "")) == lower(key)
	v := object.get(t, "Value", null)
}

# action_covers(pattern, action) holds when an IAM action pattern (with *
# and ? wildcards, compared without regard to case) matches action.
action_covers(pattern, action) if {
	is_string(pattern)
	glob.match(lower(pattern), [], lower(action))
}

# mentions(r, path, target) holds when the attribute at path of r, a single
# value or a list, names target (in the same root): by a reference to it
# or by one of its literal identifiers.
mentions(r, path, target) if {
	r.root == target.root
	target.address in object.get(r, ["refs", path], [])
}

mentions(r, path, target) if {
	r.root == target.root
	some k, addresses in object.get(r, "refs", {})
	startswith(k, concat("", [path, "."]))
	target.address in addresses
}

mentions(r, path, target) if {
	r.root == target.root
	some v in lib.as_list(lib.get(r, path, []))
	is_string(v)
	v != ""
	some k in ["bucket", "name", "id", "arn", "BucketName", "UserName", "GroupName"]
	object.get(target.attributes, k, null) == v
}

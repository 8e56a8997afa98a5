# Package attest.lib.aws.iam_documents gathers the permission policy
# documents an IAM resource holds, in either format, for the rules that
# judge what the statements allow: a policy resource's one document
# (aws_iam_policy, aws_iam_role_policy, AWS::IAM::ManagedPolicy, ...) or the
# inline policy list of a role, user or group. Trust policies are not here.
package attest.lib.aws.iam_documents

import data.attest.lib

# resource_types are the types these helpers read, for a rule's metadata.
resource_types := object.keys(_single) | object.keys(_inline)

_single := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"AWS::IAM::Policy": "PolicyDocument",
	"AWS::IAM::ManagedPolicy": "PolicyDocument",
	"AWS::IAM::RolePolicy": "PolicyDocument",
	"AWS::IAM::UserPolicy": "PolicyDocument",
	"AWS::IAM::GroupPolicy": "PolicyDocument",
}

_inline := {
	"aws_iam_role": ["inline_policy", "policy"],
	"AWS::IAM::Role": ["Policies", "PolicyDocument"],
	"AWS::IAM::User": ["Policies", "PolicyDocument"],
	"AWS::IAM::Group": ["Policies", "PolicyDocument"],
}

# documents maps the attribute path of each permission policy document of
# input.resource to the document (a JSON string or an object).
documents[path] := p if {
	path := _single[input.resource.type]
	p := lib.get(input.resource, path, null)
	p != null
}

documents[path] := p if {
	[list, key] := _inline[input.resource.type]
	some i, b in object.get(input.resource.attributes, list, [])
	is_object(b)
	p := object.get(b, key, null)
	p != null
	path := sprintf("%s.%d.%s", [list, i, key])
}

# undetermined are the paths of documents (or of the list that holds them)
# that are not known statically.
undetermined contains path if {
	path := _single[input.resource.type]
	lib.is_unknown(input.resource, path)
}

undetermined contains u if {
	pattern := _inline_unknown[input.resource.type]
	some u in object.get(input.resource, "unknown", [])
	regex.match(pattern, u)
}

# _inline_unknown matches, for each type of _inline, the path of its list
# of inline policies, of one of them and of one's document: a literal, so
# that no pattern is made for every unknown path of every resource.
_inline_unknown := {
	"aws_iam_role": `^inline_policy(\.[0-9]+(\.policy)?)?$`,
	"AWS::IAM::Role": `^Policies(\.[0-9]+(\.PolicyDocument)?)?$`,
	"AWS::IAM::User": `^Policies(\.[0-9]+(\.PolicyDocument)?)?$`,
	"AWS::IAM::Group": `^Policies(\.[0-9]+(\.PolicyDocument)?)?$`,
}

# read maps the attribute path of each document to what the IAM rules read
# of it, read once per resource by the built-in attest.iam_document rather
# than walked again by each rule: "statements" (lib.statements), "unreadable"
# (a string that is not JSON: aws.unreadable), "opaque" (a statement that is
# not known statically: aws.opaque_statement) and "allows", the Allow
# statements, each with its "sid" (sid below), "actions" (aws.actions),
# "action_values" (the Action as aws.values gives it), "resources"
# (aws.resources) and the "statement" itself.
read[path] := attest.iam_document(p) if some path, p in documents

# allows contains [path, statement] for each Allow statement of the
# documents.
allows contains [path, a.statement] if {
	some path, d in read
	some a in d.allows
}

# opaque contains the path of each document that cannot be read whole: not
# JSON, or a statement not known statically.
opaque contains path if {
	some path, d in read
	d.unreadable
}

opaque contains path if {
	some path, d in read
	d.opaque
}

sid(s) := object.get(s, "Sid", "without Sid")

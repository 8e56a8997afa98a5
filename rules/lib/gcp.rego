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

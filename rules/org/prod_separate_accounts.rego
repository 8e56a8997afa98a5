# METADATA
# title: Production and non-production workloads live in different accounts
# description: >-
#   An AWS account is the strongest boundary AWS offers: keeping production in
#   accounts of its own keeps developers' and test systems' access, mistakes
#   and compromises away from production data. The rule is judged on the
#   organisation and reads its accounts (aws_organizations_account) and
#   organisational units in every scanned root. Each account's environment is
#   read from its name, its Environment (or Env, Stage) tag and the names of
#   the units above it: words such as prod, production, prd or live mark
#   production; dev, test, qa, uat, stage, staging, sandbox, nonprod or
#   preprod mark non-production. The rule fails when no account is marked
#   production, when none is marked non-production (the two then share
#   accounts) or when one account carries both marks. An organisation whose
#   accounts are not declared in the scanned roots, or whose names, tags or
#   parents are known only at apply time, gets an unknown verdict.
# custom:
#   id: org-prod-separate-accounts
#   severity: medium
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC5.2, CC6.1, CC8.1]
#     pci-dss-4.0: [2.2.3, 6.5.3, 6.5.4]
#   remediation: >-
#     Create separate accounts for production and for development and
#     testing, under organisational units named for the environment (for
#     example Prod and NonProd), or tag each account with Environment.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_organizations_account" "prod" { name = "workloads-prod";
#       email = "aws-prod@example.com"; parent_id =
#       aws_organizations_organizational_unit.prod.id; tags = { Environment =
#       "production" } } and a like account under a NonProd unit.
#     cloudformation: >-
#       Add AWS::Organizations::Account resources for production and
#       non-production, with ParentIds pointing at organisational units named
#       Prod and NonProd, or tagged Environment.
package attest.rules.org.prod_separate_accounts

import data.attest.lib
import data.attest.lib.aws.org

accounts := org.all_of(["aws_organizations_account", "AWS::Organizations::Account"])

ous := org.all_of(["aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit"])

environment_tags := {"environment", "env", "stage"}

nonprod_pattern := `(?i)(^|[^a-z])(non-?prod(uction)?|pre-?prod(uction)?|dev|develop|development|test|testing|qa|uat|stage|staging|sandbox|sbx)([^a-z]|$)`

prod_pattern := `(?i)(^|[^a-z])(prod|production|prd|live)([^a-z]|$)`

# class(s) is the environment a name or tag value marks, if any.
class(s) := "non-production" if {
	is_string(s)
	regex.match(nonprod_pattern, s)
} else := "production" if {
	is_string(s)
	regex.match(prod_pattern, s)
}

key(r) := sprintf("%s|%s", [r.root, r.address])

# parents maps each account and OU to the OUs directly above it.
parents[key(r)] := {key(u) |
	some u in ous
	org.mentions(r, org.name(r, "parent_id"), u)
} if {
	some r in array.concat(accounts, ous)
}

ou_by_key := {key(u): u | some u in ous}

# labels(a) are the names and tag values that say what account a is for:
# its own name and environment tags, and the names of the OUs above it.
labels(a) := {org.get(a, "name", null)} | {v |
	some k in environment_tags
	some v in tag_values(a, k)
} | {org.get(u, "name", null) |
	some k in graph.reachable(parents, {key(a)})
	u := ou_by_key[k]
}

tag_values(r, k) := {v |
	not org.cfn(r)
	some tk, v in lib.get(r, "tags", {})
	lower(tk) == k
} | {v |
	org.cfn(r)
	some t in lib.get(r, "Tags", [])
	is_object(t)
	lower(object.get(t, "Key", "")) == k
	v := object.get(t, "Value", null)
}

classes(a) := {c |
	some l in labels(a)
	c := class(l)
}

# undetermined(r) holds when what marks r is not known statically.
undetermined(r) if {
	some attr in ["name", "tags", "parent_id"]
	org.is_unknown(r, attr)
	not resolved_parent(r, attr)
}

undetermined(r) if not org.exists(r)

# A parent given by reference is known even though its id is not.
resolved_parent(r, "parent_id") if count(org.refs(r, "parent_id")) > 0

resolved_parent(r, "parent_id") if {
	org.cfn(r)
	some k, _ in object.get(r, "refs", {})
	startswith(k, "ParentId")
}

any_undetermined if {
	some r in array.concat(accounts, ous)
	undetermined(r)
}

mixed contains a.address if {
	some a in accounts
	count(classes(a)) == 2
}

has(c) if {
	some a in accounts
	classes(a) == {c}
}

problems contains sprintf("these accounts are marked both production and non-production: %s", [concat(", ", sort(mixed))]) if count(mixed) > 0

problems contains "no account is marked production (by its name, an Environment tag or the name of its organisational unit)" if not has("production")

problems contains "no account is marked non-production, so development and testing share the production accounts" if not has("non-production")

deny contains msg if {
	count(accounts) > 0
	not any_undetermined
	count(problems) > 0
	msg := concat("; ", sort(problems))
}

unknown contains msg if {
	count(accounts) == 0
	msg := "the organisation's accounts are not declared in the scanned roots"
}

unknown contains msg if {
	count(accounts) > 0
	any_undetermined
	count(problems) > 0
	msg := "the name, tags, parent or existence of an account or organisational unit is not known statically"
}

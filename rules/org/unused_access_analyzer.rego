# METADATA
# title: An organisation-wide IAM Access Analyzer reports unused access
# description: >-
#   PCI DSS asks for a review of every user account and its privileges at
#   least every six months, and a periodic review of what application and
#   system accounts can do, with inactive accounts removed within 90 days.
#   An IAM Access Analyzer of type ORGANIZATION_UNUSED_ACCESS lists, across
#   every member account, the IAM users and roles not used, the passwords
#   and access keys not used and the permissions granted but not used in
#   the tracking period: the population such a review works through, kept
#   current between reviews. The rule is judged on the organisation: some
#   scanned root must declare such an analyzer with an unused access age of
#   90 days or less (90 when not set). Account-level analyzers see one
#   account each and do not count. An analyzer whose type or age is known
#   only at apply time, or that exists only under a count or for_each known
#   at apply time, makes the verdict unknown. The review itself (who looked,
#   what was removed, the sign-off) stays a record to keep.
# custom:
#   id: org-unused-access-analyzer
#   severity: medium
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC6.2, CC6.3]
#     pci-dss-4.0: [7.2.4, 7.2.5.1, 8.2.6]
#   remediation: >-
#     Create an IAM Access Analyzer of type ORGANIZATION_UNUSED_ACCESS in the
#     management or delegated administrator account, with an unused access
#     age of 90 days or less.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_accessanalyzer_analyzer" "unused" { analyzer_name =
#       "unused-access"; type = "ORGANIZATION_UNUSED_ACCESS"; configuration {
#       unused_access { unused_access_age = 90 } } }
#     cloudformation: >-
#       Add an AWS::AccessAnalyzer::Analyzer with Type:
#       ORGANIZATION_UNUSED_ACCESS and AnalyzerConfiguration:
#       {UnusedAccessConfiguration: {UnusedAccessAge: 90}}.
package attest.rules.org.unused_access_analyzer

import data.attest.lib
import data.attest.lib.aws.org

analyzers := org.all_of(["aws_accessanalyzer_analyzer", "AWS::AccessAnalyzer::Analyzer"])

paths(r) := {"type": "Type", "age": "AnalyzerConfiguration.UnusedAccessConfiguration.UnusedAccessAge"} if r.format == "cloudformation"

paths(r) := {"type": "type", "age": "configuration.0.unused_access.0.unused_access_age"} if r.format != "cloudformation"

kind(r) := upper(lib.get(r, paths(r).type, "ACCOUNT"))

age(r) := org.normal(lib.get(r, paths(r).age, 90))

organisation_wide(r) if kind(r) == "ORGANIZATION_UNUSED_ACCESS"

undecided(r) if lib.is_unknown(r, paths(r).type)

undecided(r) if {
	organisation_wide(r)
	lib.is_unknown(r, paths(r).age)
}

good(r) if {
	organisation_wide(r)
	not undecided(r)
	is_number(age(r))
	age(r) <= 90
}

passes if {
	some r in analyzers
	good(r)
	org.exists(r)
}

maybe if {
	some r in analyzers
	undecided(r)
}

maybe if {
	some r in analyzers
	good(r)
	not org.exists(r)
}

describe(r) := sprintf("%s (%s): tracks unused access over %v days, more than 90", [r.address, r.root, age(r)]) if {
	organisation_wide(r)
	not good(r)
	not undecided(r)
} else := sprintf("%s (%s): %s, not ORGANIZATION_UNUSED_ACCESS", [r.address, r.root, kind(r)])

deny contains msg if {
	not passes
	not maybe
	count(analyzers) == 0
	msg := "no scanned root declares an IAM Access Analyzer for unused access across the organisation"
}

deny contains msg if {
	not passes
	not maybe
	count(analyzers) > 0
	msg := sprintf("no IAM Access Analyzer reports unused access across the organisation: %s", [concat("; ", sort([describe(r) | some r in analyzers]))])
}

unknown contains msg if {
	not passes
	maybe
	msg := "an IAM Access Analyzer's type, unused access age or existence is not known statically"
}

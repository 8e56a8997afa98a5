# METADATA
# title: A service control policy keeps member accounts from disabling the trail or leaving
# description: >-
#   An administrator of a member account can stop, delete or narrow a trail,
#   or take the account out of the organisation and its controls, unless a
#   service control policy forbids it. The rule is judged on the organisation:
#   SCPs attached to the root, or to every organisational unit (directly or
#   through a parent unit), must together deny cloudtrail:StopLogging,
#   cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,
#   cloudtrail:PutEventSelectors and organizations:LeaveOrganization (a Deny
#   statement whose Action matches each, wildcards included; a condition that
#   exempts a break-glass role is allowed). Policies are looked for in every
#   scanned root; one whose content or target is known only at apply time
#   makes the verdict unknown.
# custom:
#   id: org-scp-protects-trail
#   severity: high
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC5.2, CC6.3, CC7.2]
#     pci-dss-4.0: [10.2.1, 10.3.2, 10.7.2, 7.2.1]
#   remediation: >-
#     Create a service control policy that denies cloudtrail:StopLogging,
#     cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,
#     cloudtrail:PutEventSelectors and organizations:LeaveOrganization on "*",
#     and attach it to the organisation's root.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_organizations_policy" "protect_trail" { content =
#       jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny",
#       Action = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
#       "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
#       "organizations:LeaveOrganization"], Resource = "*" }] }) } and an
#       aws_organizations_policy_attachment with target_id =
#       aws_organizations_organization.this.roots[0].id.
#     cloudformation: >-
#       Add an AWS::Organizations::Policy of Type SERVICE_CONTROL_POLICY whose
#       Content denies cloudtrail:StopLogging, cloudtrail:DeleteTrail,
#       cloudtrail:UpdateTrail, cloudtrail:PutEventSelectors and
#       organizations:LeaveOrganization, with TargetIds [!GetAtt
#       Organization.RootId].
package attest.rules.org.scp_protects_trail

import data.attest.lib.aws.scp

required := {
	"cloudtrail:StopLogging",
	"cloudtrail:DeleteTrail",
	"cloudtrail:UpdateTrail",
	"cloudtrail:PutEventSelectors",
	"organizations:LeaveOrganization",
}

deny contains msg if {
	not scp.protected(required)
	not scp.undetermined
	missing := scp.missing_at_root(required)
	msg := sprintf("no service control policy attached to the root denies %s%s", [concat(", ", sort(missing)), scp.uncovered_ous(required)])
}

unknown contains msg if {
	not scp.protected(required)
	scp.undetermined
	msg := "a service control policy, its attachment or its target is not known statically"
}

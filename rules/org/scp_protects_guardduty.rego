# METADATA
# title: A service control policy keeps member accounts from turning GuardDuty off
# description: >-
#   GuardDuty is the organisation's anti-malware and threat detection, and
#   an administrator of a member account (or anyone who steals such a role)
#   can delete the detector, suspend it or switch features off with
#   UpdateDetector, leave the administrator account's view, or delete the
#   export of findings, unless a service control policy forbids it. The rule
#   is judged on the organisation: SCPs attached to the root, or to every
#   organisational unit (directly or through a parent unit), must together
#   deny guardduty:DeleteDetector, guardduty:UpdateDetector,
#   guardduty:DisassociateFromAdministratorAccount,
#   guardduty:DisassociateFromMasterAccount and
#   guardduty:DeletePublishingDestination (a Deny statement whose Action
#   matches each, wildcards included; a condition that exempts the security
#   team's role is the documented, authorised exception PCI DSS allows).
#   Policies are looked for in every scanned root; one whose content or
#   target is known only at apply time makes the verdict unknown.
# custom:
#   id: org-scp-protects-guardduty
#   severity: high
#   resource_types: [aws_organizations_organization, "AWS::Organizations::Organization"]
#   controls:
#     soc2: [CC6.8, CC7.2]
#     pci-dss-4.0: [5.3.5]
#   remediation: >-
#     Create a service control policy that denies guardduty:DeleteDetector,
#     guardduty:UpdateDetector, guardduty:DisassociateFromAdministratorAccount,
#     guardduty:DisassociateFromMasterAccount and
#     guardduty:DeletePublishingDestination on "*" (except for the security
#     team's role), and attach it to the organisation's root.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_organizations_policy" "protect_guardduty" { content =
#       jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny",
#       Action = ["guardduty:DeleteDetector", "guardduty:UpdateDetector",
#       "guardduty:DisassociateFromAdministratorAccount",
#       "guardduty:DisassociateFromMasterAccount",
#       "guardduty:DeletePublishingDestination"], Resource = "*" }] }) } and
#       an aws_organizations_policy_attachment with target_id =
#       aws_organizations_organization.this.roots[0].id.
#     cloudformation: >-
#       Add an AWS::Organizations::Policy of Type SERVICE_CONTROL_POLICY whose
#       Content denies guardduty:DeleteDetector, guardduty:UpdateDetector,
#       guardduty:DisassociateFromAdministratorAccount,
#       guardduty:DisassociateFromMasterAccount and
#       guardduty:DeletePublishingDestination, with TargetIds [!GetAtt
#       Organization.RootId].
package attest.rules.org.scp_protects_guardduty

import data.attest.lib.aws.scp

required := {
	"guardduty:DeleteDetector",
	"guardduty:UpdateDetector",
	"guardduty:DisassociateFromAdministratorAccount",
	"guardduty:DisassociateFromMasterAccount",
	"guardduty:DeletePublishingDestination",
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

resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

data "aws_iam_policy_document" "protect" {
  statement {
    sid    = "ProtectAudit"
    effect = "Deny"
    actions = [
      "cloudtrail:StopLogging",
      "cloudtrail:DeleteTrail",
      "cloudtrail:UpdateTrail",
      "cloudtrail:PutEventSelectors",
      "organizations:LeaveOrganization",
    ]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalARN"
      values   = ["arn:aws:iam::*:role/BreakGlass"]
    }
  }
}

resource "aws_organizations_policy" "protect" {
  name    = "protect-audit"
  content = data.aws_iam_policy_document.protect.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

data "aws_iam_policy_document" "protect_guardduty" {
  statement {
    sid       = "ProtectGuardDuty"
    effect    = "Deny"
    actions   = ["guardduty:Delete*", "guardduty:UpdateDetector", "guardduty:Disassociate*"]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalARN"
      values   = ["arn:aws:iam::*:role/SecurityAdmin"]
    }
  }
}

resource "aws_organizations_policy" "protect_guardduty" {
  name    = "protect-guardduty"
  content = data.aws_iam_policy_document.protect_guardduty.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect_guardduty.id
  target_id = aws_organizations_organization.this.roots[0].id
}

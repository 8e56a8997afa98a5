# Shapes that Terraform evaluates without complaint and that the loader once
# reported as errors.

resource "aws_acm_certificate" "shop" {
  domain_name = "shop.example.test"
}

# The routes hold a computed ARN, so the object is only partly known; the
# optional attributes it leaves out must still take their defaults.
module "front" {
  source = "./modules/front"
  routes = {
    web = {
      certificate = aws_acm_certificate.shop.arn
    }
    api = {
      certificate = aws_acm_certificate.shop.arn
      paths       = { health = "/healthz" }
      public      = false
    }
  }
}

variable "profiles" {
  type = map(object({
    roles = optional(map(string))
  }))
  default = { ops = {} }
}

# lookup with a bare null default passes null to a variable that is not
# nullable: the variable's default applies.
module "access" {
  source   = "./modules/access"
  for_each = var.profiles
  roles    = lookup(each.value, "roles", null)
}

# A policy document that depends on a computed list is not known statically;
# one that includes it as a source is not known either, and neither is an
# error.
data "aws_iam_policy_document" "base" {
  dynamic "statement" {
    for_each = aws_acm_certificate.shop.subject_alternative_names
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::${statement.value}/*"]
    }
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
}

resource "aws_iam_policy" "combined" {
  name   = "combined"
  policy = data.aws_iam_policy_document.combined.json
}

variable "grantee_uri" {
  type = string
}

variable "owner_id" {
  type = string
}

# Legacy grant blocks on the bucket.
resource "aws_s3_bucket" "legacy_public" {
  bucket = "acme-legacy-public"

  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket" "legacy_owner" {
  bucket = "acme-legacy-owner"

  grant {
    id          = var.owner_id
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }
}

resource "aws_s3_bucket" "legacy_unknown" {
  bucket = "acme-legacy-unknown"

  grant {
    type        = "Group"
    uri         = var.grantee_uri
    permissions = ["READ"]
  }
}

# aws_s3_bucket_acl with an access control policy.
resource "aws_s3_bucket" "acl_public" {
  bucket = "acme-acl-public"
}

resource "aws_s3_bucket_acl" "acl_public" {
  bucket = aws_s3_bucket.acl_public.id

  access_control_policy {
    grant {
      grantee {
        id   = var.owner_id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "READ"
    }

    owner {
      id = var.owner_id
    }
  }
}

resource "aws_s3_bucket" "acl_owner" {
  bucket = "acme-acl-owner"
}

resource "aws_s3_bucket_acl" "acl_owner" {
  bucket = aws_s3_bucket.acl_owner.id

  access_control_policy {
    grant {
      grantee {
        id   = var.owner_id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }

    owner {
      id = var.owner_id
    }
  }
}

resource "aws_s3_bucket" "acl_unknown" {
  bucket = "acme-acl-unknown"
}

resource "aws_s3_bucket_acl" "acl_unknown" {
  bucket = aws_s3_bucket.acl_unknown.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = var.grantee_uri
      }
      permission = "READ"
    }

    owner {
      id = var.owner_id
    }
  }
}

variable "mode" {
  type = string
}

resource "aws_kms_key" "glue" {
  description = "glue catalog"
}

resource "aws_glue_data_catalog_encryption_settings" "kms" {
  catalog_id = "111122223333"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = aws_kms_key.glue.arn
    }

    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = aws_kms_key.glue.arn
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "disabled" {
  catalog_id = "444455556666"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }

    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "configurable" {
  catalog_id = "777788889999"

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }

    encryption_at_rest {
      catalog_encryption_mode = var.mode
    }
  }
}

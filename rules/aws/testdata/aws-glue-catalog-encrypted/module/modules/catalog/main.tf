variable "catalog_id" {
  type = string
}

variable "mode" {
  type    = string
  default = "DISABLED"
}

resource "aws_glue_data_catalog_encryption_settings" "this" {
  catalog_id = var.catalog_id

  data_catalog_encryption_settings {
    connection_password_encryption {
      return_connection_password_encrypted = false
    }

    encryption_at_rest {
      catalog_encryption_mode = var.mode
    }
  }
}

variable "policies" {
  type = list(number)
}

resource "azurerm_storage_account" "dynamic_policy" {
  name                     = "acmedynamic"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  blob_properties {
    dynamic "container_delete_retention_policy" {
      for_each = var.policies
      content {
        days = container_delete_retention_policy.value
      }
    }
  }
}

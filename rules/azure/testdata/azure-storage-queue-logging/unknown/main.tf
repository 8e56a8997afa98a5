variable "log_reads" {
  type = bool
}

resource "azurerm_storage_account" "from_variable" {
  name                     = "acmevar"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  queue_properties {
    logging {
      version = "1.0"
      delete  = true
      read    = var.log_reads
      write   = true
    }
  }
}

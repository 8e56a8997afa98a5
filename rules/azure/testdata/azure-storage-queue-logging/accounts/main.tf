resource "azurerm_storage_account" "classic" {
  for_each                 = toset(["acmejobs", "acmemail"])
  name                     = each.key
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  queue_properties {
    logging {
      version               = "1.0"
      delete                = true
      read                  = true
      write                 = true
      retention_policy_days = 90
    }
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "acmeseparate"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_queue_properties" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  logging {
    version               = "1.0"
    delete                = true
    read                  = true
    write                 = true
    retention_policy_days = 90
  }
}

resource "azurerm_storage_account" "writes_only" {
  name                     = "acmewrites"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  queue_properties {
    logging {
      version = "1.0"
      delete  = true
      read    = false
      write   = true
    }
  }
}

resource "azurerm_storage_account" "silent" {
  name                     = "acmesilent"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "blobs_only" {
  name                     = "acmeblobs"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_kind             = "BlockBlobStorage"
  account_tier             = "Premium"
  account_replication_type = "LRS"
}

resource "google_sql_database_instance" "pg_pitr" {
  name             = "pg-pitr"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "pg_backups_only" {
  name             = "pg-backups-only"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled = true
    }
  }
}

resource "google_sql_database_instance" "mysql_binlog" {
  name             = "mysql-binlog"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled            = true
      binary_log_enabled = true
    }
  }
}

resource "google_sql_database_instance" "mysql_pitr_flag_only" {
  name             = "mysql-pitr-flag-only"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "sqlserver_none" {
  name             = "sqlserver-none"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "replica" {
  name             = "replica"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  master_instance_name = google_sql_database_instance.pg_pitr.name
  settings {
    tier = "db-custom-2-7680"
  }
}

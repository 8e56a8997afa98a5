resource "google_sql_database_instance" "pgaudit" {
  name             = "pgaudit"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
    database_flags {
      name  = "pgaudit.log"
      value = "ddl,role"
    }
  }
}

resource "google_sql_database_instance" "log_statement" {
  name             = "log-statement"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_statement"
      value = "ddl"
    }
  }
}

resource "google_sql_database_instance" "none" {
  name             = "none"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "log_statement_none" {
  name             = "log-statement-none"
  database_version = "POSTGRES_16"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_statement"
      value = "none"
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "off"
    }
  }
}

resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}

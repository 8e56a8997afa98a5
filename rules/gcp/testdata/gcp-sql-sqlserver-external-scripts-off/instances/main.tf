resource "google_sql_database_instance" "good" {
  name             = "good"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "external scripts enabled"
      value = "off"
    }
    database_flags {
      name  = "max_connections"
      value = "200"
    }
  }
}

resource "google_sql_database_instance" "bad" {
  name             = "bad"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "external scripts enabled"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "absent" {
  name             = "absent"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "other_engine" {
  name             = "other-engine"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "external scripts enabled"
      value = "on"
    }
  }
}

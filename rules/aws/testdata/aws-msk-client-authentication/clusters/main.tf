variable "iam" {
  type = bool
}

resource "aws_acmpca_certificate_authority" "clients" {
  certificate_authority_configuration {
    key_algorithm     = "RSA_4096"
    signing_algorithm = "SHA512WITHRSA"
  }
}

resource "aws_msk_cluster" "iam" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  client_authentication {
    sasl {
      iam = true
    }
  }
}

resource "aws_msk_cluster" "mtls" {
  cluster_name           = "mtls"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  client_authentication {
    tls {
      certificate_authority_arns = [aws_acmpca_certificate_authority.clients.arn]
    }
  }
}

resource "aws_msk_cluster" "none" {
  cluster_name           = "none"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
}

resource "aws_msk_cluster" "mixed" {
  for_each               = { strict = false, migrating = true }
  cluster_name           = each.key
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  client_authentication {
    unauthenticated = each.value

    sasl {
      scram = true
    }
  }
}

resource "aws_msk_cluster" "configurable" {
  cluster_name           = "cfg"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  client_authentication {
    sasl {
      iam = var.iam
    }
  }
}

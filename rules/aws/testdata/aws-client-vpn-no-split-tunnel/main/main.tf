variable "split" {
  type = bool
}

resource "aws_ec2_client_vpn_endpoint" "full" {
  server_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  client_cidr_block      = "10.100.0.0/22"
  split_tunnel           = false
  authentication_options {
    type              = "federated-authentication"
    saml_provider_arn = "arn:aws:iam::111122223333:saml-provider/okta"
  }
  connection_log_options {
    enabled = false
  }
}

resource "aws_ec2_client_vpn_endpoint" "default" {
  server_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  client_cidr_block      = "10.101.0.0/22"
  authentication_options {
    type              = "federated-authentication"
    saml_provider_arn = "arn:aws:iam::111122223333:saml-provider/okta"
  }
  connection_log_options {
    enabled = false
  }
}

resource "aws_ec2_client_vpn_endpoint" "per_team" {
  for_each               = { ops = false, sales = true }
  server_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  client_cidr_block      = "10.102.0.0/22"
  split_tunnel           = each.value
  authentication_options {
    type              = "federated-authentication"
    saml_provider_arn = "arn:aws:iam::111122223333:saml-provider/okta"
  }
  connection_log_options {
    enabled = false
  }
}

resource "aws_ec2_client_vpn_endpoint" "split" {
  server_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  client_cidr_block      = "10.103.0.0/22"
  split_tunnel           = true
  authentication_options {
    type              = "federated-authentication"
    saml_provider_arn = "arn:aws:iam::111122223333:saml-provider/okta"
  }
  connection_log_options {
    enabled = false
  }
}

resource "aws_ec2_client_vpn_endpoint" "configurable" {
  server_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/abc"
  client_cidr_block      = "10.104.0.0/22"
  split_tunnel           = var.split
  authentication_options {
    type              = "federated-authentication"
    saml_provider_arn = "arn:aws:iam::111122223333:saml-provider/okta"
  }
  connection_log_options {
    enabled = false
  }
}

# METADATA
# title: MSK clusters authenticate their clients
# description: >-
#   A cluster that allows unauthenticated access, or names no
#   authentication method, lets any client that reaches a broker produce to
#   and consume from every topic. A cluster passes when it authenticates
#   clients with IAM, SASL/SCRAM or mutual TLS and does not also allow
#   unauthenticated access.
# custom:
#   id: aws-msk-client-authentication
#   severity: high
#   resource_types: [aws_msk_cluster, "AWS::MSK::Cluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.1, 7.3.1]
#   remediation: Enable IAM (or SASL/SCRAM, or mutual TLS) client authentication and turn unauthenticated access off.
#   remediation_by_format:
#     terraform: >-
#       Add client_authentication { sasl { iam = true }, unauthenticated =
#       false } to the aws_msk_cluster.
#     cloudformation: >-
#       Set ClientAuthentication.Sasl.Iam.Enabled: true and
#       ClientAuthentication.Unauthenticated.Enabled: false on the
#       AWS::MSK::Cluster.
package attest.rules.aws.msk_client_authentication

import data.attest.lib.aws.svc

auth := svc.block("client_authentication")

# method_paths are the paths, inside client_authentication, of the flags
# that turn an authentication method on.
method_paths := [["Sasl", "Iam", "Enabled"], ["Sasl", "Scram", "Enabled"], ["Tls", "Enabled"]] if svc.cfn

method_paths := [["sasl", 0, "iam"], ["sasl", 0, "scram"]] if not svc.cfn

unauthenticated_path := ["Unauthenticated", "Enabled"] if svc.cfn

unauthenticated_path := ["unauthenticated"] if not svc.cfn

authenticated if {
	some p in method_paths
	svc.normal(object.get(auth, p, false)) == true
}

# Terraform: mutual TLS is on when certificate authorities are listed.
authenticated if {
	not svc.cfn
	count(object.get(auth, ["tls", 0, "certificate_authority_arns"], [])) > 0
}

authenticated if {
	not svc.cfn
	count(object.get(input.resource, ["refs", "client_authentication.0.tls.0.certificate_authority_arns"], [])) > 0
}

authenticated if {
	svc.cfn
	count(object.get(auth, ["Tls", "CertificateAuthorityArnList"], [])) > 0
}

open if svc.normal(object.get(auth, unauthenticated_path, false)) == true

undetermined if svc.is_unknown("client_authentication")

deny contains msg if {
	open
	msg := "unauthenticated access is allowed"
}

deny contains msg if {
	not open
	not authenticated
	not undetermined
	msg := "no client authentication method is enabled"
}

unknown contains msg if {
	not open
	not authenticated
	undetermined
	msg := "the client authentication settings are not known statically"
}

# METADATA
# title: GKE clusters do not issue a client certificate
# description: >-
#   A client certificate issued at cluster creation is a long-lived
#   credential for a generic administrator identity: it cannot be revoked
#   short of rotating the cluster's CA and it is not tied to a person.
#   Authenticate with Google identities (gcloud and IAM) instead.
# custom:
#   id: gcp-gke-client-certificate-disabled
#   severity: medium
#   resource_types: [google_container_cluster]
#   controls:
#     soc2: [CC6.1, CC6.2]
#     pci-dss-4.0: [8.2.1, 8.2.2, 8.6.3]
#   remediation: >-
#     Remove master_auth { client_certificate_config { issue_client_certificate
#     = true } } or set it to false (changing it recreates the cluster).
package attest.rules.gcp.gke_client_certificate_disabled

import data.attest.lib

path := "master_auth.0.client_certificate_config.0.issue_client_certificate"

deny contains msg if {
	lib.get(input.resource, path, false) == true
	msg := "the cluster issues a client certificate: issue_client_certificate = true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, path)
	msg := "issue_client_certificate is not known statically"
}

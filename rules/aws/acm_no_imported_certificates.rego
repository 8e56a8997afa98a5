# METADATA
# title: ACM certificates are issued by ACM, not imported
# description: >-
#   ACM renews the certificates it issues by itself; an imported certificate
#   (private_key and certificate_body given to aws_acm_certificate) expires on
#   its own date unless someone remembers to replace it, and its private key
#   has lived outside AWS, in files and pipelines. A certificate fails when it
#   is imported.
# custom:
#   id: aws-acm-no-imported-certificates
#   severity: low
#   resource_types: [aws_acm_certificate]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 4.2.1.1]
#   remediation: >-
#     Request the certificate from ACM (domain_name with validation_method =
#     "DNS") so that ACM renews it, instead of importing one.
package attest.rules.aws.acm_no_imported_certificates

import data.attest.lib

imported if {
	some k in ["private_key", "certificate_body"]
	lib.get(input.resource, k, null) != null
}

imported if {
	some k in ["private_key", "certificate_body"]
	lib.is_unknown(input.resource, k)
}

deny contains msg if {
	imported
	msg := "the certificate is imported (private_key and certificate_body): ACM does not renew it"
}

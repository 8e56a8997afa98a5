# METADATA
# title: ACM certificates are validated through DNS
# description: >-
#   A certificate validated through DNS renews by itself for as long as the
#   validation record stays in place; one validated by email waits for
#   someone to click a link in a message sent to the domain's contacts, and
#   expires when nobody does. A certificate requested from ACM fails when
#   its validation_method (ValidationMethod) is not DNS; CloudFormation's
#   default is DNS only when ValidationMethod is given, so an absent one
#   fails there too. A method known only at apply time makes the verdict
#   unknown; imported certificates are left to
#   aws-acm-no-imported-certificates.
# custom:
#   id: aws-acm-dns-validation
#   severity: low
#   resource_types: [aws_acm_certificate, "AWS::CertificateManager::Certificate"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: >-
#     Set validation_method = "DNS" and publish the validation records (for
#     example with aws_route53_record and aws_acm_certificate_validation).
#   remediation_by_format:
#     terraform: >-
#       Set validation_method = "DNS" on the aws_acm_certificate and create
#       its validation records with aws_route53_record.
#     cloudformation: >-
#       Set ValidationMethod: DNS (with DomainValidationOptions naming the
#       HostedZoneId) on the AWS::CertificateManager::Certificate.
package attest.rules.aws.acm_dns_validation

import data.attest.lib
import data.attest.lib.aws.governance as gov

imported if {
	not gov.cfn
	some k in ["private_key", "certificate_body", "certificate_authority_arn"]
	lib.get(input.resource, k, null) != null
}

deny contains msg if {
	not imported
	not gov.is_unknown("validation_method")
	method := gov.get("validation_method", "EMAIL")
	upper(method) != "DNS"
	msg := sprintf("%s is %s, not DNS: renewal waits for someone to answer an email", [gov.name("validation_method"), method])
}

unknown contains msg if {
	not imported
	gov.is_unknown("validation_method")
	msg := sprintf("%s is not known statically", [gov.name("validation_method")])
}

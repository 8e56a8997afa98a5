# METADATA
# title: CloudFront distributions refuse TLS before 1.2
# description: >-
#   The viewer certificate's minimum protocol version is the oldest TLS
#   version viewers may use. A distribution on the default *.cloudfront.net
#   certificate always accepts TLS 1.0, and one with a custom certificate
#   accepts it unless told otherwise. A distribution passes when it uses its
#   own certificate with a TLSv1.2_* or TLSv1.3_* minimum protocol version.
# custom:
#   id: aws-cloudfront-tls-policy
#   severity: medium
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Serve the distribution on your own ACM certificate (SNI) with minimum_protocol_version = "TLSv1.2_2021".
#   remediation_by_format:
#     terraform: >-
#       In viewer_certificate set acm_certificate_arn, ssl_support_method =
#       "sni-only" and minimum_protocol_version = "TLSv1.2_2021".
#     cloudformation: >-
#       In DistributionConfig.ViewerCertificate set AcmCertificateArn,
#       SslSupportMethod: sni-only and MinimumProtocolVersion: TLSv1.2_2021.
package attest.rules.aws.cloudfront_tls_policy

import data.attest.lib.aws.svc

default_certificate if svc.get("viewer_certificate.0.cloudfront_default_certificate", false) == true

# CloudFormation: a distribution without a ViewerCertificate uses the
# default certificate.
default_certificate if {
	svc.cfn
	not svc.unknown_exactly("viewer_certificate")
	svc.get("viewer_certificate", null) == null
}

version := svc.get("viewer_certificate.0.minimum_protocol_version", "TLSv1")

strong if regex.match(`^TLSv1\.[23]_`, version)

undetermined if svc.unknown_exactly("viewer_certificate")

undetermined if svc.is_unknown("viewer_certificate.0.minimum_protocol_version")

undetermined if svc.is_unknown("viewer_certificate.0.cloudfront_default_certificate")

deny contains msg if {
	not undetermined
	default_certificate
	msg := "the distribution uses the default CloudFront certificate, which accepts TLS 1.0"
}

deny contains msg if {
	not undetermined
	not default_certificate
	not strong
	msg := sprintf("the minimum protocol version is %v, which accepts TLS versions before 1.2", [version])
}

unknown contains msg if {
	undetermined
	msg := "the viewer certificate settings are not known statically"
}

# METADATA
# title: CloudFront reaches custom origins over TLS 1.2
# description: >-
#   HTTPS between viewer and edge does not protect the second leg: an origin
#   reached with origin protocol policy http-only, or allowed to negotiate
#   SSLv3, carries the same requests and cookies across the internet without
#   adequate encryption. A distribution passes when no custom origin uses
#   http-only and none lists SSLv3 among its origin SSL protocols.
# custom:
#   id: aws-cloudfront-origin-https
#   severity: high
#   resource_types: [aws_cloudfront_distribution, "AWS::CloudFront::Distribution"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1]
#   remediation: Set origin_protocol_policy = "https-only" and origin_ssl_protocols = ["TLSv1.2"] on every custom origin.
#   remediation_by_format:
#     terraform: >-
#       In each origin's custom_origin_config set origin_protocol_policy =
#       "https-only" and origin_ssl_protocols = ["TLSv1.2"].
#     cloudformation: >-
#       In each DistributionConfig.Origins entry's CustomOriginConfig set
#       OriginProtocolPolicy: https-only and OriginSSLProtocols: [TLSv1.2].
package attest.rules.aws.cloudfront_origin_https

import data.attest.lib.aws.svc

names := {
	"custom": "CustomOriginConfig", "policy": "OriginProtocolPolicy",
	"protocols": "OriginSSLProtocols", "id": "Id",
} if svc.cfn

names := {
	"custom": "custom_origin_config", "policy": "origin_protocol_policy",
	"protocols": "origin_ssl_protocols", "id": "origin_id",
} if not svc.cfn

# custom_origins are the origins' custom origin settings, as objects, with
# the origin's id.
custom_origins contains [id, c] if {
	some o in svc.get("origin", [])
	is_object(o)
	id := object.get(o, names.id, "?")
	some c in _as_list(object.get(o, names.custom, []))
	is_object(c)
}

_as_list(x) := x if is_array(x)

_as_list(x) := [x] if is_object(x)

deny contains msg if {
	some [id, c] in custom_origins
	object.get(c, names.policy, "") == "http-only"
	msg := sprintf("origin %v is reached over plain HTTP (http-only)", [id])
}

deny contains msg if {
	some [id, c] in custom_origins
	"SSLv3" in object.get(c, names.protocols, [])
	msg := sprintf("origin %v may be reached over SSLv3", [id])
}

# An origin's protocol settings, or the origins themselves, are not known
# statically; an unknown domain name does not matter here.
undetermined if svc.unknown_matching(`^origin(\.[0-9]+(\.custom_origin_config(\.[0-9]+(\.(origin_protocol_policy|origin_ssl_protocols)(\.[0-9]+)?)?)?)?)?$`)

undetermined if svc.unknown_matching(`^DistributionConfig(\.Origins(\.[0-9]+(\.CustomOriginConfig(\.(OriginProtocolPolicy|OriginSSLProtocols)(\.[0-9]+)?)?)?)?)?$`)

unknown contains msg if {
	undetermined
	msg := "the origins are not known statically"
}

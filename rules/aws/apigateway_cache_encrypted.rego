# METADATA
# title: API Gateway response caches are encrypted
# description: >-
#   When a REST API stage caches responses, the cache holds whatever the
#   backend returned (account details, tokens in bodies) for the cache's
#   time to live. The cache is not encrypted unless a method setting asks
#   for it, and caching is turned on per method setting as well. A method
#   setting fails when it enables caching and cache_data_encrypted
#   (CacheDataEncrypted of a MethodSettings entry of an
#   AWS::ApiGateway::Stage in CloudFormation) is not true; one that does not
#   cache is not judged and passes.
# custom:
#   id: aws-apigateway-cache-encrypted
#   severity: medium
#   resource_types: [aws_api_gateway_method_settings, "AWS::ApiGateway::Stage"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Encrypt the cache wherever a method setting turns caching on.
#   remediation_by_format:
#     terraform: >-
#       Set settings { caching_enabled = true; cache_data_encrypted = true } on
#       the aws_api_gateway_method_settings.
#     cloudformation: >-
#       Set CacheDataEncrypted: true in every MethodSettings entry with
#       CachingEnabled: true of the AWS::ApiGateway::Stage.
package attest.rules.aws.apigateway_cache_encrypted

import data.attest.lib

cfn if input.resource.format == "cloudformation"

# entries are the method settings as [path, caching key, encryption key].
entries contains [sprintf("MethodSettings.%d", [i]), "CachingEnabled", "CacheDataEncrypted"] if {
	cfn
	some i, _ in object.get(input.resource.attributes, "MethodSettings", [])
}

entries contains ["settings.0", "caching_enabled", "cache_data_encrypted"] if {
	not cfn
	count(lib.get(input.resource, "settings", [])) > 0
}

true_(v) if v == true

true_(v) if {
	is_string(v)
	lower(v) == "true"
}

at(e, k) := concat(".", [e[0], e[k]])

caching(e) if true_(lib.get(input.resource, at(e, 1), false))

encrypted(e) if true_(lib.get(input.resource, at(e, 2), false))

deny contains msg if {
	some e in entries
	not lib.is_unknown(input.resource, at(e, 1))
	caching(e)
	not lib.is_unknown(input.resource, at(e, 2))
	not encrypted(e)
	msg := sprintf("%s enables caching but the cache is not encrypted", [e[0]])
}

unknown contains msg if {
	some e in entries
	lib.is_unknown(input.resource, at(e, 1))
	not encrypted(e)
	msg := sprintf("whether %s caches responses is not known statically", [e[0]])
}

unknown contains msg if {
	some e in entries
	not lib.is_unknown(input.resource, at(e, 1))
	caching(e)
	lib.is_unknown(input.resource, at(e, 2))
	msg := sprintf("%s caches responses and whether the cache is encrypted is not known statically", [e[0]])
}

unknown contains msg if {
	some p in ["settings", "MethodSettings"]
	p in object.get(input.resource, "unknown", [])
	msg := "the method settings are not known statically"
}

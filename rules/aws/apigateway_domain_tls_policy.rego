# METADATA
# title: API Gateway custom domains refuse TLS before 1.2
# description: >-
#   A custom domain name's security policy sets the oldest TLS version
#   clients may negotiate. TLS 1.0 and 1.1 have known weaknesses and are no
#   longer accepted for protecting card data or credentials. A domain passes
#   when its security policy is TLS_1_2 or one of the newer
#   SecurityPolicy_TLS12_* / SecurityPolicy_TLS13_* policies; a REST API
#   domain without a policy gets TLS_1_0.
# custom:
#   id: aws-apigateway-domain-tls-policy
#   severity: high
#   resource_types: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name, "AWS::ApiGateway::DomainName", "AWS::ApiGatewayV2::DomainName"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 2.2.7]
#   remediation: Set the domain's security policy to TLS_1_2 (or a SecurityPolicy_TLS13_* policy).
#   remediation_by_format:
#     terraform: >-
#       Set security_policy = "TLS_1_2" on the aws_api_gateway_domain_name, or
#       security_policy = "TLS_1_2" in the domain_name_configuration of the
#       aws_apigatewayv2_domain_name.
#     cloudformation: >-
#       Set SecurityPolicy: TLS_1_2 on the AWS::ApiGateway::DomainName, or in
#       each DomainNameConfigurations entry of the
#       AWS::ApiGatewayV2::DomainName.
package attest.rules.aws.apigateway_domain_tls_policy

import data.attest.lib.aws.svc

attr := "security_policy" if input.resource.type in {"aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName"}

attr := "domain_name_configuration.0.security_policy" if input.resource.type in {"aws_apigatewayv2_domain_name", "AWS::ApiGatewayV2::DomainName"}

policy := svc.get(attr, "")

strong if policy == "TLS_1_2"

strong if regex.match(`^SecurityPolicy_TLS1[23]_`, policy)

deny contains msg if {
	not strong
	not svc.is_unknown(attr)
	policy == ""
	msg := "no security policy is set, so clients may connect with TLS 1.0"
}

deny contains msg if {
	not strong
	not svc.is_unknown(attr)
	policy != ""
	msg := sprintf("security policy %v accepts TLS versions before 1.2", [policy])
}

unknown contains msg if {
	svc.is_unknown(attr)
	msg := "the security policy is not known statically"
}

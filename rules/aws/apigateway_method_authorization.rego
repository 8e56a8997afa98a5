# METADATA
# title: API Gateway routes and methods require authorisation
# description: >-
#   A REST method with authorisation NONE, or an HTTP or WebSocket route with
#   authorisation type NONE, lets anyone on the internet call the backend
#   behind it; an API key is not authentication. A method or route passes
#   when it uses IAM, a Cognito user pool, a Lambda authoriser or a JWT
#   authoriser. CORS preflight (OPTIONS) methods and WebSocket routes that
#   API Gateway cannot authorise (all but $connect) are not judged; a $default
#   route is judged when its API is an HTTP API.
# custom:
#   id: aws-apigateway-method-authorization
#   severity: medium
#   resource_types: [aws_api_gateway_method, aws_apigatewayv2_route, "AWS::ApiGateway::Method", "AWS::ApiGatewayV2::Route"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [7.2.1, 7.3.1, 8.3.1]
#   remediation: Give the method or route an authoriser (AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT), or record an exception for a deliberately public endpoint.
#   remediation_by_format:
#     terraform: >-
#       Set authorization = "AWS_IAM" (or COGNITO_USER_POOLS / CUSTOM with
#       authorizer_id) on the aws_api_gateway_method, or authorization_type =
#       "JWT" / "AWS_IAM" / "CUSTOM" on the aws_apigatewayv2_route.
#     cloudformation: >-
#       Set AuthorizationType to AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT
#       (with AuthorizerId) on the AWS::ApiGateway::Method or
#       AWS::ApiGatewayV2::Route.
package attest.rules.aws.apigateway_method_authorization

import data.attest.lib
import data.attest.lib.aws.svc

rest if input.resource.type in {"aws_api_gateway_method", "AWS::ApiGateway::Method"}

attr := "authorization" if rest

attr := "authorization_type" if not rest

auth := upper(sprintf("%v", [svc.get(attr, "NONE")]))

# judged holds when API Gateway can put an authoriser in front of the
# method or route.
judged if {
	rest
	upper(sprintf("%v", [svc.get("http_method", "")])) != "OPTIONS"
}

judged if {
	not rest
	key := svc.get("route_key", "")
	regex.match(`^[A-Z]+ /`, key)
	not startswith(key, "OPTIONS ")
}

judged if {
	not rest
	svc.get("route_key", "") == "$connect"
}

judged if {
	not rest
	svc.get("route_key", "") == "$default"
	api_protocol == "HTTP"
}

# api_protocol is the protocol of the API a route belongs to, when the
# route refers to an API of the configuration.
api_protocol := p if {
	some addr in object.get(input.resource, ["refs", svc.name("api_id")], [])
	some api in array.concat(lib.resources("aws_apigatewayv2_api"), lib.resources("AWS::ApiGatewayV2::Api"))
	api.address == addr
	p := upper(object.get(api.attributes, "protocol_type", object.get(api.attributes, "ProtocolType", "")))
}

# scope_unknown holds when whether the method or route can be judged is not
# known statically.
scope_unknown if {
	rest
	svc.is_unknown("http_method")
}

scope_unknown if {
	not rest
	svc.is_unknown("route_key")
}

scope_unknown if {
	not rest
	svc.get("route_key", "") == "$default"
	not api_protocol
}

maybe_open if svc.is_unknown(attr)

maybe_open if auth == "NONE"

deny contains msg if {
	judged
	not svc.is_unknown(attr)
	auth == "NONE"
	msg := "authorisation is NONE, so anyone may call it"
}

unknown contains msg if {
	maybe_open
	scope_unknown
	msg := "the method, the route key or the protocol of the route's API is not known statically"
}

unknown contains msg if {
	judged
	svc.is_unknown(attr)
	msg := "the authorisation type is not known statically"
}

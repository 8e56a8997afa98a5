# METADATA
# title: Lambda function URLs require IAM authentication
# description: >-
#   A function URL with authorization type NONE lets anyone on the internet
#   invoke the function, bypassing API Gateway, WAF and any caller identity.
#   A function URL passes when its authorization type is AWS_IAM.
# custom:
#   id: aws-lambda-no-public-url
#   severity: high
#   resource_types: [aws_lambda_function_url, "AWS::Lambda::Url"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 7.2.1, 8.3.1]
#   remediation: Set authorization_type = "AWS_IAM", or put the function behind API Gateway with an authoriser.
#   remediation_by_format:
#     terraform: >-
#       Set authorization_type = "AWS_IAM" on the aws_lambda_function_url (and
#       grant lambda:InvokeFunctionUrl to the callers), or remove the URL and
#       put the function behind API Gateway with an authoriser.
#     cloudformation: >-
#       Set AuthType: AWS_IAM on the AWS::Lambda::Url, or remove it and put
#       the function behind API Gateway with an authoriser.
package attest.rules.aws.lambda_no_public_url

import data.attest.lib.aws.props

auth := props.get("authorization_type", null)

deny contains msg if {
	not props.is_unknown("authorization_type")
	auth != "AWS_IAM"
	msg := sprintf("the function URL's authorization type is %v, so anyone may invoke it", [auth])
}

unknown contains msg if {
	props.is_unknown("authorization_type")
	msg := "authorization_type is not known statically"
}

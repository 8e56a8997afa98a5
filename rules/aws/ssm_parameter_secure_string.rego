# METADATA
# title: SSM parameters that hold credentials are SecureString
# description: >-
#   String and StringList parameters are stored unencrypted and returned to
#   anyone allowed ssm:GetParameter, and their values show in the console
#   and in the configuration that created them. A parameter fails when its
#   name (the last part of its path) says it is a credential, such as
#   /prod/db/password or api_key, or its value has the shape of one, and its
#   type is not SecureString. CloudFormation cannot create SecureString
#   parameters, so a credential there belongs in Secrets Manager.
# custom:
#   id: aws-ssm-parameter-secure-string
#   severity: high
#   resource_types: [aws_ssm_parameter, "AWS::SSM::Parameter"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.2, 8.6.2, 3.5.1]
#   remediation: Store the credential as a SecureString parameter (with a KMS key), or in Secrets Manager.
#   remediation_by_format:
#     terraform: >-
#       Set type = "SecureString" (and key_id for a customer managed key) on
#       the aws_ssm_parameter, and keep the value out of the configuration
#       (value_wo, or set it outside Terraform).
#     cloudformation: >-
#       Replace the AWS::SSM::Parameter with an AWS::SecretsManager::Secret
#       (GenerateSecretString), or create the SecureString parameter outside
#       CloudFormation and refer to it with {{resolve:ssm-secure:...}}.
package attest.rules.aws.ssm_parameter_secure_string

import data.attest.lib
import data.attest.lib.aws.secrets

cfn if input.resource.format == "cloudformation"

names := {"name": "Name", "type": "Type", "value": "Value"} if cfn

names := {"name": "name", "type": "type", "value": "value"} if not cfn

name := lib.get(input.resource, names.name, "")

leaf := l if {
	parts := split(name, "/")
	l := parts[count(parts) - 1]
}

type := lib.get(input.resource, names.type, "String")

# The name says the value is a credential.
credential if lib.secret_name(leaf)

# The value has the shape of a credential.
credential if count(secrets.matches(lib.get(input.resource, names.value, ""))) > 0

deny contains msg if {
	credential
	not lib.is_unknown(input.resource, names.type)
	type != "SecureString"
	msg := sprintf("parameter %v holds a credential but its type is %v, stored unencrypted", [name, type])
}

unknown contains msg if {
	not credential
	lib.is_unknown(input.resource, names.name)
	type != "SecureString"
	msg := "the parameter's name is not known statically"
}

unknown contains msg if {
	credential
	lib.is_unknown(input.resource, names.type)
	msg := "the parameter's type is not known statically"
}

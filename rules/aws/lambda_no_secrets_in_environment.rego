# METADATA
# title: Lambda functions keep no credentials in environment variables
# description: >-
#   A function's environment variables are shown in the console and
#   returned by GetFunctionConfiguration to anyone allowed to read the
#   function, and they are copied into every deployment package's state. A
#   function fails when a variable holds something shaped like a credential
#   (an access key, a private key, a token) or a literal value under a name
#   such as DB_PASSWORD or API_KEY. Names of secrets (an ARN, a Secrets
#   Manager or Parameter Store reference) pass.
# custom:
#   id: aws-lambda-no-secrets-in-environment
#   severity: high
#   resource_types: [aws_lambda_function, "AWS::Lambda::Function"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: Keep the secret in Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or name in the environment, and read it at start-up.
#   remediation_by_format:
#     terraform: >-
#       Store the value in an aws_secretsmanager_secret, set e.g.
#       DB_PASSWORD_SECRET_ARN = aws_secretsmanager_secret.<name>.arn in
#       environment.variables, grant secretsmanager:GetSecretValue to the
#       function's role and read it in the code (or use the Parameters and
#       Secrets Lambda extension).
#     cloudformation: >-
#       Store the value in an AWS::SecretsManager::Secret, pass its ARN in
#       Environment.Variables and read it at start-up, instead of writing
#       the value into the template.
package attest.rules.aws.lambda_no_secrets_in_environment

import data.attest.lib
import data.attest.lib.aws.secrets

prefix := "Environment.Variables" if input.resource.format == "cloudformation"

prefix := "environment.0.variables" if input.resource.format != "cloudformation"

variables := v if {
	v := lib.get(input.resource, prefix, {})
	is_object(v)
} else := {}

deny contains msg if {
	some name, value in variables
	secrets.credential(name, value)
	msg := sprintf("environment variable %s holds %s in plain text", [name, secrets.why(name, value)])
}

# A variable named as a credential whose value is not known statically may
# be the credential itself or a pointer to it.
unknown contains msg if {
	some u in object.get(input.resource, "unknown", [])
	startswith(u, concat("", [prefix, "."]))
	name := substring(u, count(prefix) + 1, -1)
	lib.secret_name(name)
	msg := sprintf("environment variable %s is named as a credential and its value is not known statically", [name])
}

unknown contains msg if {
	prefix in object.get(input.resource, "unknown", [])
	msg := "the environment variables are not known statically"
}

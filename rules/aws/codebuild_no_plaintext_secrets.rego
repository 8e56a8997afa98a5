# METADATA
# title: CodeBuild projects keep credentials out of plain-text environment variables
# description: >-
#   A CodeBuild environment variable of type PLAINTEXT (the default) is
#   stored in the project definition, shown in the console and returned by
#   BatchGetProjects to anyone with read access to the project. Credentials
#   belong in Secrets Manager or Parameter Store, referenced with the
#   SECRETS_MANAGER or PARAMETER_STORE type, which CodeBuild resolves at
#   build time. A project fails when a plain-text variable's value has the
#   shape of a credential, or its name says it is one and the value is a
#   literal; when such a variable's value or type is not known statically,
#   the verdict is unknown.
# custom:
#   id: aws-codebuild-no-plaintext-secrets
#   severity: high
#   resource_types: [aws_codebuild_project, "AWS::CodeBuild::Project"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: >-
#     Store the credential in Secrets Manager (or Parameter Store as a
#     SecureString) and give the variable type SECRETS_MANAGER (or
#     PARAMETER_STORE) with the secret's name or ARN as its value.
#   remediation_by_format:
#     terraform: >-
#       In the environment block, write environment_variable { name =
#       "DB_PASSWORD"; type = "SECRETS_MANAGER"; value =
#       "${aws_secretsmanager_secret.db.arn}:password" }.
#     cloudformation: >-
#       In Environment.EnvironmentVariables, write {Name: DB_PASSWORD, Type:
#       SECRETS_MANAGER, Value: !Sub "${DbSecret}:password"}.
package attest.rules.aws.codebuild_no_plaintext_secrets

import data.attest.lib
import data.attest.lib.aws.secrets

cfn if input.resource.format == "cloudformation"

list := "Environment.EnvironmentVariables" if cfn

list := "environment.0.environment_variable" if not cfn

keys := {"name": "Name", "value": "Value", "type": "Type"} if cfn

keys := {"name": "name", "value": "value", "type": "type"} if not cfn

variables := v if {
	v := lib.get(input.resource, list, [])
	is_array(v)
} else := []

field(i, k) := sprintf("%s.%d.%s", [list, i, keys[k]])

type_unknown(i) if lib.is_unknown(input.resource, field(i, "type"))

plaintext(v) if upper(sprintf("%v", [object.get(v, keys.type, "PLAINTEXT")])) == "PLAINTEXT"

deny contains msg if {
	some i, v in variables
	is_object(v)
	not type_unknown(i)
	plaintext(v)
	name := object.get(v, keys.name, "")
	value := object.get(v, keys.value, "")
	not lib.is_unknown(input.resource, field(i, "value"))
	secrets.credential(name, value)
	msg := sprintf("plain-text environment variable %s holds %s", [name, secrets.why(name, value)])
}

unknown contains msg if {
	some i, v in variables
	is_object(v)
	name := object.get(v, keys.name, "")
	lib.secret_name(name)
	not type_unknown(i)
	plaintext(v)
	lib.is_unknown(input.resource, field(i, "value"))
	msg := sprintf("plain-text environment variable %s is named as a credential and its value is not known statically", [name])
}

unknown contains msg if {
	some i, v in variables
	is_object(v)
	type_unknown(i)
	name := object.get(v, keys.name, "")
	value := object.get(v, keys.value, "")
	secrets.credential(name, value)
	msg := sprintf("environment variable %s holds %s and its type is not known statically", [name, secrets.why(name, value)])
}

unknown contains msg if {
	some u in object.get(input.resource, "unknown", [])
	regex.match(sprintf(`^%s(\.[0-9]+)?$`, [replace(list, ".", `\.`)]), u)
	msg := "the environment variables are not known statically"
}

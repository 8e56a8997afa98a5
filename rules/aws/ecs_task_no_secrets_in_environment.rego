# METADATA
# title: ECS task definitions keep no credentials in container environments
# description: >-
#   Environment values in a task definition are stored in every revision and
#   shown to anyone who may describe task definitions; a credential there
#   outlives any rotation. A task definition fails when a container's
#   environment holds something shaped like a credential, or a literal value
#   under a name such as DB_PASSWORD or API_KEY. Credentials belong in the
#   container's secrets, taken from Secrets Manager or Parameter Store.
# custom:
#   id: aws-ecs-task-no-secrets-in-environment
#   severity: high
#   resource_types: [aws_ecs_task_definition, "AWS::ECS::TaskDefinition"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: Move the value to Secrets Manager or Parameter Store and reference it from the container's secrets list instead of environment.
#   remediation_by_format:
#     terraform: >-
#       In container_definitions replace the environment entry with secrets =
#       [{ name = "DB_PASSWORD", valueFrom =
#       aws_secretsmanager_secret.<name>.arn }] and let the execution role
#       read the secret.
#     cloudformation: >-
#       In ContainerDefinitions replace the Environment entry with Secrets:
#       [{Name: DB_PASSWORD, ValueFrom: !Ref Secret}] and let the execution
#       role read the secret.
package attest.rules.aws.ecs_task_no_secrets_in_environment

import data.attest.lib
import data.attest.lib.aws.ecs
import data.attest.lib.aws.secrets

deny contains msg if {
	some c in ecs.containers
	some e in object.get(c, ecs.key("environment"), [])
	name := object.get(e, ecs.key("name"), "")
	value := object.get(e, ecs.key("value"), null)
	secrets.credential(name, value)
	msg := sprintf("container %v: environment variable %v holds %s in plain text", [ecs.name(c), name, secrets.why(name, value)])
}

unknown contains msg if {
	ecs.undetermined
	msg := "the container definitions are not known statically"
}

unknown contains msg if {
	some i, c in ecs.containers
	some j, e in object.get(c, ecs.key("environment"), [])
	name := object.get(e, ecs.key("name"), "")
	lib.secret_name(name)
	lib.is_unknown(input.resource, sprintf("ContainerDefinitions.%d.Environment.%d.Value", [i, j]))
	msg := sprintf("container %v: environment variable %v is named as a credential and its value is not known statically", [ecs.name(c), name])
}

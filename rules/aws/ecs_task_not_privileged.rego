# METADATA
# title: ECS containers do not run privileged
# description: >-
#   A privileged container gets every Linux capability and access to the
#   host's devices: a compromise of the application becomes a compromise of
#   the EC2 host and of every other task on it. A task definition passes
#   when no container sets privileged to true.
# custom:
#   id: aws-ecs-task-not-privileged
#   severity: high
#   resource_types: [aws_ecs_task_definition, "AWS::ECS::TaskDefinition"]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.6, 7.2.5]
#   remediation: Remove privileged = true and grant only the Linux capabilities the container needs (linuxParameters.capabilities.add).
#   remediation_by_format:
#     terraform: >-
#       In container_definitions remove privileged = true (or set false) and
#       add only the needed capabilities under linuxParameters.capabilities.
#     cloudformation: >-
#       In ContainerDefinitions remove Privileged: true and add only the
#       needed capabilities under LinuxParameters.Capabilities.Add.
package attest.rules.aws.ecs_task_not_privileged

import data.attest.lib.aws.ecs

deny contains msg if {
	some c in ecs.containers
	ecs.flag(c, "privileged")
	msg := sprintf("container %v runs privileged", [ecs.name(c)])
}

unknown contains msg if {
	ecs.undetermined
	msg := "the container definitions are not known statically"
}

unknown contains msg if {
	some i, c in ecs.containers
	not ecs.flag(c, "privileged")
	ecs.field_unknown(i, "privileged")
	msg := sprintf("container %v: privileged is not known statically", [ecs.name(c)])
}

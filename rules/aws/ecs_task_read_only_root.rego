# METADATA
# title: ECS containers mount their root file system read-only
# description: >-
#   A writable root file system lets an attacker who gains code execution
#   drop tools, change binaries or persist across requests inside the
#   container. A task definition passes when every container sets
#   readonlyRootFilesystem to true (writable paths are given as volumes).
# custom:
#   id: aws-ecs-task-read-only-root
#   severity: low
#   resource_types: [aws_ecs_task_definition, "AWS::ECS::TaskDefinition"]
#   controls:
#     soc2: [CC6.8]
#     pci-dss-4.0: [2.2.6]
#   remediation: Set readonlyRootFilesystem = true in every container and mount volumes for the paths that must be written.
#   remediation_by_format:
#     terraform: >-
#       In container_definitions set readonlyRootFilesystem = true for each
#       container and add mountPoints (with task volumes) for writable paths
#       such as /tmp.
#     cloudformation: >-
#       In ContainerDefinitions set ReadonlyRootFilesystem: true for each
#       container and add MountPoints for writable paths such as /tmp.
package attest.rules.aws.ecs_task_read_only_root

import data.attest.lib.aws.ecs

deny contains msg if {
	some i, c in ecs.containers
	not ecs.flag(c, "readonlyRootFilesystem")
	not ecs.field_unknown(i, "readonlyRootFilesystem")
	msg := sprintf("container %v has a writable root file system", [ecs.name(c)])
}

unknown contains msg if {
	ecs.undetermined
	msg := "the container definitions are not known statically"
}

unknown contains msg if {
	some i, c in ecs.containers
	not ecs.flag(c, "readonlyRootFilesystem")
	ecs.field_unknown(i, "readonlyRootFilesystem")
	msg := sprintf("container %v: readonlyRootFilesystem is not known statically", [ecs.name(c)])
}

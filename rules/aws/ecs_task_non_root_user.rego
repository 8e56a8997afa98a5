# METADATA
# title: ECS containers run as a non-root user
# description: >-
#   Without a user, a container runs as the image's user, which for most
#   images is root; root inside the container makes a kernel or runtime
#   escape, or a mounted host path, far more dangerous. A task definition
#   passes when every container names a user other than root (user 0).
# custom:
#   id: aws-ecs-task-non-root-user
#   severity: medium
#   resource_types: [aws_ecs_task_definition, "AWS::ECS::TaskDefinition"]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [2.2.6, 7.2.5]
#   remediation: Set user to an unprivileged uid (e.g. "1000:1000") in every container, and build images that run as that user.
#   remediation_by_format:
#     terraform: >-
#       In container_definitions set user = "1000:1000" (or a named
#       unprivileged user) for each container.
#     cloudformation: >-
#       In ContainerDefinitions set User: "1000:1000" (or a named
#       unprivileged user) for each container.
package attest.rules.aws.ecs_task_non_root_user

import data.attest.lib.aws.ecs

user(c) := sprintf("%v", [object.get(c, ecs.key("user"), "")])

root(u) if u == ""

root(u) if split(u, ":")[0] in {"root", "0"}

deny contains msg if {
	some i, c in ecs.containers
	root(user(c))
	not ecs.field_unknown(i, "user")
	msg := sprintf("container %v runs as root (user %q)", [ecs.name(c), user(c)])
}

unknown contains msg if {
	ecs.undetermined
	msg := "the container definitions are not known statically"
}

unknown contains msg if {
	some i, c in ecs.containers
	ecs.field_unknown(i, "user")
	msg := sprintf("container %v: user is not known statically", [ecs.name(c)])
}

# METADATA
# title: CodeBuild projects do not run builds in privileged mode
# description: >-
#   Privileged mode gives the build container root access to the build host's
#   Docker daemon and devices. It is only needed to build Docker images, and
#   a build runs whatever the repository's buildspec and dependencies say:
#   one poisoned package then controls the whole host and the credentials
#   of the project's role. A project fails when privileged_mode
#   (Environment.PrivilegedMode in CloudFormation) is true; it is false by
#   default.
# custom:
#   id: aws-codebuild-not-privileged
#   severity: medium
#   resource_types: [aws_codebuild_project, "AWS::CodeBuild::Project"]
#   controls:
#     soc2: [CC6.8, CC8.1]
#     pci-dss-4.0: [2.2.6, 6.4.1]
#   remediation: >-
#     Turn privileged mode off; build container images with a daemonless
#     builder (kaniko, buildah) or in a dedicated project with no access to
#     production credentials.
#   remediation_by_format:
#     terraform: Remove privileged_mode = true from the environment block of the aws_codebuild_project.
#     cloudformation: >-
#       Remove PrivilegedMode: true from Environment of the
#       AWS::CodeBuild::Project.
package attest.rules.aws.codebuild_not_privileged

import data.attest.lib

path := "Environment.PrivilegedMode" if input.resource.format == "cloudformation"

path := "environment.0.privileged_mode" if input.resource.format != "cloudformation"

undetermined if lib.is_unknown(input.resource, path)

privileged if lib.get(input.resource, path, false) == true

privileged if {
	v := lib.get(input.resource, path, false)
	is_string(v)
	lower(v) == "true"
}

deny contains msg if {
	not undetermined
	privileged
	msg := sprintf("%s is true: the build container controls the build host", [path])
}

unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [path])
}

# METADATA
# title: Secrets Manager secrets are rotated automatically
# description: >-
#   A secret that is never rotated stays valid for as long as anyone who once
#   read it keeps a copy. A secret passes when a rotation schedule names it:
#   an aws_secretsmanager_secret_rotation whose secret_id refers to it, or an
#   AWS::SecretsManager::RotationSchedule whose SecretId does.
# custom:
#   id: aws-secretsmanager-rotation
#   severity: medium
#   resource_types: [aws_secretsmanager_secret, "AWS::SecretsManager::Secret"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.6.3, 8.3.9]
#   remediation: Add an aws_secretsmanager_secret_rotation for the secret with a rotation function and rotation_rules.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_secretsmanager_secret_rotation with secret_id =
#       aws_secretsmanager_secret.<name>.id, a rotation_lambda_arn (not
#       needed for managed rotation) and rotation_rules {
#       automatically_after_days = 30 }.
#     cloudformation: >-
#       Add an AWS::SecretsManager::RotationSchedule with SecretId: !Ref the
#       secret, a RotationLambdaARN or HostedRotationLambda and
#       RotationRules: {AutomaticallyAfterDays: 30}.
package attest.rules.aws.secretsmanager_rotation

import data.attest.lib.aws

# rotation is the rotation resource type and the attribute by which it names
# its secret, per format.
rotation := ["AWS::SecretsManager::RotationSchedule", "SecretId"] if input.resource.format == "cloudformation"

rotation := ["aws_secretsmanager_secret_rotation", "secret_id"] if input.resource.format != "cloudformation"

rotated if count(aws.linked(rotation[0], rotation[1])) > 0

deny contains msg if {
	not rotated
	not aws.may_link(rotation[0], rotation[1])
	msg := sprintf("no %s rotates this secret", [rotation[0]])
}

unknown contains msg if {
	not rotated
	aws.may_link(rotation[0], rotation[1])
	msg := sprintf("a %s names a secret that is not known statically", [rotation[0]])
}

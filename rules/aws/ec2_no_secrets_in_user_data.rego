# METADATA
# title: EC2 user data holds no credentials
# description: >-
#   User data is readable by anyone allowed ec2:DescribeInstanceAttribute or
#   to view a launch template, and by every process on the instance through
#   the metadata service, for the instance's whole life. An instance or
#   launch template fails when its user data (decoded from base64 when
#   given so) contains something shaped like a credential, or assigns a
#   literal to a variable named like PASSWORD, TOKEN or API_KEY.
# custom:
#   id: aws-ec2-no-secrets-in-user-data
#   severity: high
#   resource_types: [aws_instance, aws_launch_template, "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.6.2, 8.3.2]
#   remediation: Fetch credentials at boot from Secrets Manager or Parameter Store using the instance role, instead of writing them into user data.
#   remediation_by_format:
#     terraform: >-
#       Remove the credential from user_data; give the instance profile
#       secretsmanager:GetSecretValue on the secret and read it at boot (aws
#       secretsmanager get-secret-value --secret-id ...).
#     cloudformation: >-
#       Remove the credential from UserData; give the instance profile access
#       to an AWS::SecretsManager::Secret and read it at boot.
package attest.rules.aws.ec2_no_secrets_in_user_data

import data.attest.lib
import data.attest.lib.aws.secrets

paths := {
	"aws_instance": ["user_data", "user_data_base64"],
	"aws_launch_template": ["user_data"],
	"AWS::EC2::Instance": ["UserData"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData.UserData"],
}

# texts are the user data scripts, decoded from base64 when they are.
texts contains t if {
	some p in paths[input.resource.type]
	raw := lib.get(input.resource, p, null)
	is_string(raw)
	t := _decoded(raw)
}

_decoded(raw) := t if {
	regex.match(`^[A-Za-z0-9+/]+=*$`, raw)
	base64.is_valid(raw)
	t := base64.decode(raw)
} else := raw

# An assignment NAME=value (shell, env file, cloud-init) of a literal.
assignments contains [name, value] if {
	some t in texts
	some m in regex.find_all_string_submatch_n(`(?m)^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=["']?([^"'\s]+)`, t, -1)
	name := m[1]
	value := m[2]
	not startswith(value, "$")
}

deny contains msg if {
	some t in texts
	some what in secrets.matches(t)
	msg := sprintf("user data contains %s", [what])
}

deny contains msg if {
	some [name, value] in assignments
	lib.secret_name(name)
	not secrets.pointer(value)
	msg := sprintf("user data sets %s to a literal credential", [name])
}

unknown contains msg if {
	some p in paths[input.resource.type]
	lib.is_unknown(input.resource, p)
	msg := "the user data is not known statically"
}

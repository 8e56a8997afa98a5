# METADATA
# title: Lambda functions send traces to X-Ray
# description: >-
#   Active tracing records each invocation's path through the function
#   and the AWS services it calls, which is how an unusual caller, a
#   slow dependency or an error spreading between services is found and
#   followed. A function passes when its tracing mode is Active.
# custom:
#   id: aws-lambda-tracing
#   severity: low
#   resource_types: [aws_lambda_function, "AWS::Lambda::Function"]
#   controls:
#     soc2: [CC7.2]
#   remediation: Set tracing_config mode = "Active" and allow the function's role xray:PutTraceSegments.
#   remediation_by_format:
#     terraform: >-
#       Add tracing_config { mode = "Active" } to the
#       aws_lambda_function and attach AWSXRayDaemonWriteAccess (or
#       xray:PutTraceSegments) to its role.
#     cloudformation: >-
#       Set TracingConfig.Mode: Active on the AWS::Lambda::Function
#       and allow its role xray:PutTraceSegments.
package attest.rules.aws.lambda_tracing

import data.attest.lib

attr := "tracing_config.0.mode" if input.resource.format != "cloudformation"

attr := "TracingConfig.Mode" if input.resource.format == "cloudformation"

default_value := "PassThrough"

value := _normal(lib.get(input.resource, attr, default_value))

good if value in {"Active"}

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := sprintf("tracing mode is %v, not Active", [value])
}

# The default never stands in for a value that is not known.
unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [attr])
}

_normal(v) := true if {
	is_string(v)
	lower(v) == "true"
} else := false if {
	is_string(v)
	lower(v) == "false"
} else := to_number(v) if {
	is_string(v)
	regex.match(`^[0-9]+$`, v)
} else := v

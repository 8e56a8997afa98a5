# METADATA
# title: Lambda functions use a runtime that still gets security updates
# description: >-
#   Once AWS deprecates a Lambda runtime it stops patching the language and
#   the operating system under it, and later blocks updates to functions
#   that use it. A function passes when its runtime is not on the list of
#   runtimes AWS had deprecated by December 2026 (Node.js 20 and older,
#   Python 3.9 and older, Ruby 3.2 and older, Java 8 on Amazon Linux 1,
#   .NET 7 and older, Go 1.x and the Amazon Linux 1 custom runtime).
#   Functions packaged as container images are not judged: their image
#   carries its own runtime.
# custom:
#   id: aws-lambda-supported-runtime
#   severity: medium
#   resource_types: [aws_lambda_function, "AWS::Lambda::Function"]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.3, 2.2.1, 12.3.4]
#   remediation: Move the function to a supported runtime (for example python3.13, nodejs22.x, java21, provided.al2023).
#   remediation_by_format:
#     terraform: >-
#       Set runtime on the aws_lambda_function to a supported version (such
#       as "python3.13", "nodejs22.x", "java21" or "provided.al2023") and test
#       the code on it.
#     cloudformation: >-
#       Set Runtime on the AWS::Lambda::Function to a supported version (such
#       as python3.13, nodejs22.x, java21 or provided.al2023).
package attest.rules.aws.lambda_supported_runtime

import data.attest.lib

cfn if input.resource.format == "cloudformation"

attr := "Runtime" if cfn

attr := "runtime" if not cfn

package_type := lib.get(input.resource, "PackageType", "Zip") if cfn

package_type := lib.get(input.resource, "package_type", "Zip") if not cfn

deprecated := {
	"nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10",
	"nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
	"nodejs20.x",
	"python2.7", "python3.6", "python3.7", "python3.8", "python3.9",
	"ruby2.5", "ruby2.7", "ruby3.2",
	"java8",
	"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1",
	"dotnet5.0", "dotnet6", "dotnet7",
	"go1.x", "provided",
}

runtime := lib.get(input.resource, attr, "")

deny contains msg if {
	package_type != "Image"
	runtime in deprecated
	msg := sprintf("runtime %s is deprecated and no longer patched", [runtime])
}

unknown contains msg if {
	lib.is_unknown(input.resource, attr)
	msg := "the runtime is not known statically"
}

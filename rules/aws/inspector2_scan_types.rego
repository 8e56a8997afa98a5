# METADATA
# title: Inspector scans EC2 instances and container images
# description: >-
#   Amazon Inspector finds known vulnerabilities in the packages of EC2
#   instances (through the SSM agent, an authenticated scan) and of ECR
#   images, and scans again when a new CVE is published or a package
#   changes. An aws_inspector2_enabler fails when its resource_types leave
#   out EC2 or ECR; a list known only at apply time makes the verdict
#   unknown.
# custom:
#   id: aws-inspector2-scan-types
#   severity: medium
#   resource_types: [aws_inspector2_enabler]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.1, 11.3.1, 11.3.1.2, 11.3.1.3]
#   remediation: >-
#     Set resource_types = ["EC2", "ECR", "LAMBDA"] on the
#     aws_inspector2_enabler.
package attest.rules.aws.inspector2_scan_types

import data.attest.lib

required := {"EC2", "ECR"}

types := {upper(t) | some t in lib.get(input.resource, "resource_types", []); is_string(t)}

deny contains msg if {
	not lib.is_unknown(input.resource, "resource_types")
	missing := required - types
	count(missing) > 0
	msg := sprintf("resource_types leaves out %s", [concat(", ", sort(missing))])
}

unknown contains msg if {
	lib.is_unknown(input.resource, "resource_types")
	msg := "resource_types is not known statically"
}

# METADATA
# title: ECR repositories scan images on push
# description: >-
#   Scanning each image as it is pushed finds known vulnerabilities in its
#   packages before the image is deployed, and keeps a record that the scan
#   happened. (Registry-wide enhanced scanning through
#   aws_ecr_registry_scanning_configuration also satisfies the intent; a
#   repository passes when such a configuration with a scan_on_push or
#   continuous rule exists in the same root.)
# custom:
#   id: aws-ecr-scan-on-push
#   severity: medium
#   resource_types: [aws_ecr_repository]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.1, 11.3.1]
#   remediation: Add image_scanning_configuration { scan_on_push = true }, or configure registry scanning.
package attest.rules.aws.ecr_scan_on_push

import data.attest.lib

scanned if lib.get(input.resource, "image_scanning_configuration.0.scan_on_push", false) == true

# A registry scanning rule covers the repositories that one of its filters
# matches; "*" in a filter matches any characters, "/" and "." included.
scanned if {
	name := lib.get(input.resource, "name", null)
	is_string(name)
	some c in lib.resources("aws_ecr_registry_scanning_configuration")
	some r in object.get(c.attributes, "rule", [])
	r.scan_frequency in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	some f in object.get(r, "repository_filter", [])
	object.get(f, "filter_type", "WILDCARD") == "WILDCARD"
	glob.match(f.filter, null, name)
}

# A registry rule that is not known statically, or a repository whose name is
# not known while registry rules exist, may scan the repository.
undetermined if lib.is_unknown(input.resource, "image_scanning_configuration")

undetermined if {
	some c in lib.resources("aws_ecr_registry_scanning_configuration")
	lib.is_unknown(c, "rule")
}

undetermined if {
	lib.is_unknown(input.resource, "name")
	some c in lib.resources("aws_ecr_registry_scanning_configuration")
	count(object.get(c.attributes, "rule", [])) > 0
}

deny contains msg if {
	not scanned
	not undetermined
	msg := "images are not scanned on push"
}

unknown contains msg if {
	not scanned
	undetermined
	msg := "the repository's or the registry's scanning configuration is not known statically"
}

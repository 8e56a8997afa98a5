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
#   resource_types: [aws_ecr_repository, "AWS::ECR::Repository"]
#   controls:
#     soc2: [CC7.1]
#     pci-dss-4.0: [6.3.1, 11.3.1]
#   remediation: >-
#     Add image_scanning_configuration { scan_on_push = true }, or configure
#     registry scanning.
#   remediation_by_format:
#     terraform: >-
#       Add image_scanning_configuration { scan_on_push = true }, or configure
#       registry scanning.
#     cloudformation: >-
#       Set ImageScanningConfiguration: {ScanOnPush: true} on the
#       AWS::ECR::Repository, or declare an
#       AWS::ECR::RegistryScanningConfiguration whose rules cover it.
package attest.rules.aws.ecr_scan_on_push

import data.attest.lib
import data.attest.lib.aws.props

scanned if props.get("image_scanning_configuration.0.scan_on_push", false) == true

# registry_rules are the registry scanning rules of the configuration, read
# from either format as {frequency, filters: [{filter, type}]}.
registry_rules contains {"frequency": object.get(r, "scan_frequency", null), "filters": [f |
	some x in object.get(r, "repository_filter", [])
	f := {"filter": object.get(x, "filter", null), "type": object.get(x, "filter_type", "WILDCARD")}
]} if {
	some c in lib.resources("aws_ecr_registry_scanning_configuration")
	some r in object.get(c.attributes, "rule", [])
}

registry_rules contains {"frequency": object.get(r, "ScanFrequency", null), "filters": [f |
	some x in object.get(r, "RepositoryFilters", [])
	f := {"filter": object.get(x, "Filter", null), "type": object.get(x, "FilterType", "WILDCARD")}
]} if {
	some c in lib.resources("AWS::ECR::RegistryScanningConfiguration")
	some r in object.get(c.attributes, "Rules", [])
}

# registry_undetermined holds when a registry scanning configuration's rules
# are not known statically.
registry_undetermined if {
	some c in lib.resources("aws_ecr_registry_scanning_configuration")
	lib.is_unknown(c, "rule")
}

registry_undetermined if {
	some c in lib.resources("AWS::ECR::RegistryScanningConfiguration")
	lib.is_unknown(c, "Rules")
}

# A registry scanning rule covers the repositories that one of its filters
# matches; "*" in a filter matches any characters, "/" and "." included.
scanned if {
	name := props.get("name", null)
	is_string(name)
	some r in registry_rules
	r.frequency in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	some f in r.filters
	f.type == "WILDCARD"
	is_string(f.filter)
	glob.match(f.filter, null, name)
}

# A registry rule that is not known statically, or a repository whose name is
# not known while registry rules exist, may scan the repository. A
# CloudFormation repository without RepositoryName gets a generated name.
undetermined if props.is_unknown("image_scanning_configuration")

undetermined if registry_undetermined

name_unknown if props.is_unknown("name")

name_unknown if {
	props.cfn
	props.get("name", null) == null
}

undetermined if {
	name_unknown
	count(registry_rules) > 0
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

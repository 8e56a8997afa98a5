# METADATA
# title: ECR repositories keep image tags immutable
# description: >-
#   With mutable tags anyone allowed to push can replace the image
#   behind a tag such as v1.4.2 or prod, so what runs is no longer what
#   was built, scanned and approved. A repository passes when its tag
#   mutability is IMMUTABLE or IMMUTABLE_WITH_EXCLUSION.
# custom:
#   id: aws-ecr-immutable-tags
#   severity: medium
#   resource_types: [aws_ecr_repository, "AWS::ECR::Repository"]
#   controls:
#     soc2: [CC8.1, CC7.1]
#     pci-dss-4.0: [6.5.1]
#   remediation: Set image_tag_mutability = "IMMUTABLE" (or IMMUTABLE_WITH_EXCLUSION for a short list of moving tags).
#   remediation_by_format:
#     terraform: >-
#       Set image_tag_mutability = "IMMUTABLE" on the
#       aws_ecr_repository (IMMUTABLE_WITH_EXCLUSION with
#       image_tag_mutability_exclusion_filter for deliberately
#       moving tags such as latest).
#     cloudformation: >-
#       Set ImageTagMutability: IMMUTABLE (or
#       IMMUTABLE_WITH_EXCLUSION with
#       ImageTagMutabilityExclusionFilters) on the
#       AWS::ECR::Repository.
package attest.rules.aws.ecr_immutable_tags

import data.attest.lib

attr := "image_tag_mutability" if input.resource.format != "cloudformation"

attr := "ImageTagMutability" if input.resource.format == "cloudformation"

default_value := "MUTABLE"

value := _normal(lib.get(input.resource, attr, default_value))

good if value in {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}

undetermined if lib.is_unknown(input.resource, attr)

deny contains msg if {
	not good
	not undetermined
	msg := sprintf("image tags are %v, so a pushed image can replace a released one", [value])
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

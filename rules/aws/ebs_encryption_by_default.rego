# METADATA
# title: EBS encryption by default stays on
# description: >-
#   aws_ebs_encryption_by_default makes every new volume and snapshot copy in
#   the region encrypted, whatever the launching tool asks for. Declaring the
#   resource with enabled = false turns that protection off.
# custom:
#   id: aws-ebs-encryption-by-default
#   severity: medium
#   resource_types: [aws_ebs_encryption_by_default]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set enabled = true (the default) on aws_ebs_encryption_by_default in every region you use.
package attest.rules.aws.ebs_encryption_by_default

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "enabled", true) == false
	msg := "enabled is false"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "enabled")
	msg := "enabled is not known statically"
}

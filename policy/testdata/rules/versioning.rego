# METADATA
# title: Test buckets keep versions
# custom:
#   id: test-versioning
#   severity: medium
#   resource_types: [aws_s3_bucket]
#   controls:
#     soc2: [A1.2]
#     pci-dss-4.0: [10.5.1]
package attest.rules.test.versioning

import data.attest.lib

deny contains "versioning is off" if {
	not lib.is_unknown(input.resource, "versioning")
	lib.get(input.resource, "versioning.0.enabled", false) != true
}

unknown contains "versioning is not known statically" if {
	lib.is_unknown(input.resource, "versioning")
}

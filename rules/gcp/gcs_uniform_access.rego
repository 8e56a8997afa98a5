# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: >-
#   With fine-grained access, every object can carry its own ACL, so who can
#   read a bucket's data cannot be read from its IAM policy alone and one
#   object can be made public by mistake. Uniform bucket-level access turns
#   object ACLs off: IAM on the bucket decides for every object.
# custom:
#   id: gcp-gcs-uniform-bucket-level-access
#   severity: medium
#   resource_types: [google_storage_bucket]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 7.3.1]
#   remediation: Set uniform_bucket_level_access = true on the google_storage_bucket.
package attest.rules.gcp.gcs_uniform_bucket_level_access

import data.attest.lib

deny contains msg if {
	lib.get(input.resource, "uniform_bucket_level_access", false) != true
	not lib.is_unknown(input.resource, "uniform_bucket_level_access")
	msg := "object ACLs are allowed: uniform_bucket_level_access is not true"
}

unknown contains msg if {
	lib.is_unknown(input.resource, "uniform_bucket_level_access")
	msg := "uniform_bucket_level_access is not known statically"
}

# METADATA
# title: Glue Data Catalog metadata is encrypted with KMS
# description: >-
#   The Glue Data Catalog holds the schema, locations and partition values of
#   every table Athena, EMR and Glue jobs read; partition values and column
#   comments often carry data of their own. Encryption of the catalog at
#   rest is off until a catalog encryption setting turns it on. The settings
#   pass when the catalog encryption mode is SSE-KMS or
#   SSE-KMS-WITH-SERVICE-ROLE.
# custom:
#   id: aws-glue-catalog-encrypted
#   severity: medium
#   resource_types: [aws_glue_data_catalog_encryption_settings, "AWS::Glue::DataCatalogEncryptionSettings"]
#   controls:
#     soc2: [CC6.1, C1.1]
#     pci-dss-4.0: [3.5.1]
#   remediation: Set the catalog encryption mode to SSE-KMS with a customer managed key.
#   remediation_by_format:
#     terraform: >-
#       data_catalog_encryption_settings { encryption_at_rest {
#       catalog_encryption_mode = "SSE-KMS"; sse_aws_kms_key_id =
#       aws_kms_key.glue.arn } } on the aws_glue_data_catalog_encryption_settings.
#     cloudformation: >-
#       DataCatalogEncryptionSettings.EncryptionAtRest {CatalogEncryptionMode:
#       SSE-KMS, SseAwsKmsKeyId: !Ref Key} on the
#       AWS::Glue::DataCatalogEncryptionSettings.
package attest.rules.aws.glue_catalog_encrypted

import data.attest.lib

path := "DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode" if {
	input.resource.format == "cloudformation"
}

path := "data_catalog_encryption_settings.0.encryption_at_rest.0.catalog_encryption_mode" if {
	input.resource.format != "cloudformation"
}

modes := {"SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"}

undetermined if lib.is_unknown(input.resource, path)

mode := lib.get(input.resource, path, "DISABLED")

deny contains msg if {
	not undetermined
	not mode in modes
	msg := sprintf("the catalog encryption mode is %v: catalog metadata is not encrypted with KMS", [mode])
}

unknown contains msg if {
	undetermined
	msg := "the catalog encryption mode is not known statically"
}

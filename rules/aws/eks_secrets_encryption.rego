# METADATA
# title: EKS encrypts Kubernetes secrets with a KMS key
# description: >-
#   EKS stores secrets in etcd on encrypted volumes, but anyone with access to
#   etcd data reads them in clear. Envelope encryption with a KMS key encrypts
#   each secret again, under a key whose use is logged and can be revoked.
#   Secrets often hold database passwords and API keys.
# custom:
#   id: aws-eks-secrets-encryption
#   severity: medium
#   resource_types: [aws_eks_cluster]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 8.3.2]
#   remediation: Add encryption_config { resources = ["secrets"] provider { key_arn = aws_kms_key.eks.arn } }.
package attest.rules.aws.eks_secrets_encryption

import data.attest.lib

encrypted if {
	some c in object.get(input.resource.attributes, "encryption_config", [])
	"secrets" in object.get(c, "resources", [])
}

deny contains msg if {
	not encrypted
	not lib.is_unknown(input.resource, "encryption_config")
	msg := "encryption_config does not cover secrets"
}

unknown contains msg if {
	not encrypted
	lib.is_unknown(input.resource, "encryption_config")
	msg := "encryption_config is not known statically"
}

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
#   resource_types: [aws_eks_cluster, "AWS::EKS::Cluster"]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [3.6.1, 8.3.2]
#   remediation: >-
#     Add encryption_config { resources = ["secrets"] provider { key_arn =
#     aws_kms_key.eks.arn } }.
#   remediation_by_format:
#     terraform: >-
#       Add encryption_config { resources = ["secrets"] provider { key_arn =
#       aws_kms_key.eks.arn } }.
#     cloudformation: >-
#       Add EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: !GetAtt
#       Key.Arn}}] to the AWS::EKS::Cluster.
package attest.rules.aws.eks_secrets_encryption

import data.attest.lib.aws.props

# resources_key is the name of the list of resource kinds in an encryption
# configuration.
resources_key := "Resources" if input.resource.format == "cloudformation"
else := "resources"

encrypted if {
	some c in props.get("encryption_config", [])
	"secrets" in object.get(c, resources_key, [])
}

deny contains msg if {
	not encrypted
	not props.is_unknown("encryption_config")
	msg := sprintf("%s does not cover secrets", [props.name("encryption_config")])
}

unknown contains msg if {
	not encrypted
	props.is_unknown("encryption_config")
	msg := sprintf("%s is not known statically", [props.name("encryption_config")])
}

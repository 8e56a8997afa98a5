# METADATA
# title: MSK clusters encrypt traffic with TLS
# description: >-
#   Kafka clients and brokers exchange every record; with client-broker
#   encryption set to PLAINTEXT or TLS_PLAINTEXT, or in-cluster encryption
#   off, records and SASL/SCRAM credentials may cross the network in the
#   clear. A cluster passes when client-broker traffic is TLS only and
#   in-cluster encryption is on (the defaults).
# custom:
#   id: aws-msk-encryption-in-transit
#   severity: high
#   resource_types: [aws_msk_cluster, "AWS::MSK::Cluster"]
#   controls:
#     soc2: [CC6.7]
#     pci-dss-4.0: [4.2.1, 8.3.2]
#   remediation: Set client_broker = "TLS" and in_cluster = true in encryption_info.encryption_in_transit (or leave both unset).
#   remediation_by_format:
#     terraform: >-
#       In encryption_info { encryption_in_transit { client_broker = "TLS",
#       in_cluster = true } } of the aws_msk_cluster, or remove the block.
#     cloudformation: >-
#       Set EncryptionInfo.EncryptionInTransit.ClientBroker: TLS and InCluster:
#       true on the AWS::MSK::Cluster, or leave them unset.
package attest.rules.aws.msk_encryption_in_transit

import data.attest.lib.aws.svc

client_broker := "encryption_info.0.encryption_in_transit.0.client_broker"

in_cluster := "encryption_info.0.encryption_in_transit.0.in_cluster"

deny contains msg if {
	not svc.is_unknown(client_broker)
	mode := svc.get(client_broker, "TLS")
	mode != "TLS"
	msg := sprintf("client-broker encryption is %v, which accepts plaintext connections", [mode])
}

deny contains msg if {
	not svc.is_unknown(in_cluster)
	svc.get(in_cluster, true) == false
	msg := "encryption between brokers is turned off (in_cluster = false)"
}

unknown contains msg if {
	svc.is_unknown(client_broker)
	msg := "client_broker is not known statically"
}

unknown contains msg if {
	svc.is_unknown(in_cluster)
	msg := "in_cluster is not known statically"
}

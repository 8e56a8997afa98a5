# METADATA
# title: MSK brokers are not reachable from the internet
# description: >-
#   Public access gives each broker an Elastic IP, so the Kafka listeners are
#   exposed to the internet and only client authentication stands between
#   them and anyone. A cluster passes unless its public access type is
#   SERVICE_PROVIDED_EIPS.
# custom:
#   id: aws-msk-no-public-access
#   severity: high
#   resource_types: [aws_msk_cluster, "AWS::MSK::Cluster"]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Set public_access type = "DISABLED" and reach the brokers through the VPC, peering or PrivateLink.
#   remediation_by_format:
#     terraform: >-
#       In broker_node_group_info { connectivity_info { public_access { type =
#       "DISABLED" } } } of the aws_msk_cluster, or remove the block.
#     cloudformation: >-
#       Set BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type: DISABLED
#       on the AWS::MSK::Cluster, or leave it unset.
package attest.rules.aws.msk_no_public_access

import data.attest.lib.aws.svc

attr := "broker_node_group_info.0.connectivity_info.0.public_access.0.type"

deny contains msg if {
	not svc.is_unknown(attr)
	svc.get(attr, "DISABLED") == "SERVICE_PROVIDED_EIPS"
	msg := "public access gives the brokers internet-facing addresses"
}

unknown contains msg if {
	svc.is_unknown(attr)
	msg := "the public access type is not known statically"
}

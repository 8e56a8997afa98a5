# METADATA
# title: VPCs record flow logs
# description: >-
#   Flow logs record the accepted and rejected connections of every network
#   interface in a VPC: the evidence needed to see scanning, lateral movement
#   or data leaving, and to check that network rules work as intended. A VPC
#   passes when an aws_flow_log in the same root names it in vpc_id.
# custom:
#   id: aws-vpc-flow-logs
#   severity: medium
#   resource_types: [aws_vpc]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 1.2.5]
#   remediation: Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type = "ALL" and a CloudWatch Logs or S3 destination.
package attest.rules.aws.vpc_flow_logs

import data.attest.lib.aws

deny contains msg if {
	count(aws.linked("aws_flow_log", "vpc_id")) == 0
	not aws.may_link("aws_flow_log", "vpc_id")
	msg := "no aws_flow_log records this VPC"
}

unknown contains msg if {
	count(aws.linked("aws_flow_log", "vpc_id")) == 0
	aws.may_link("aws_flow_log", "vpc_id")
	msg := "an aws_flow_log names a VPC that is not known statically"
}

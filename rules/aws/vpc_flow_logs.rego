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
#   resource_types: [aws_vpc, "AWS::EC2::VPC"]
#   controls:
#     soc2: [CC7.2]
#     pci-dss-4.0: [10.2.1, 1.2.5]
#   remediation: >-
#     Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type =
#     "ALL" and a CloudWatch Logs or S3 destination.
#   remediation_by_format:
#     terraform: >-
#       Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type =
#       "ALL" and a CloudWatch Logs or S3 destination.
#     cloudformation: >-
#       Add an AWS::EC2::FlowLog with ResourceId: !Ref the VPC, ResourceType:
#       VPC, TrafficType: ALL and a CloudWatch Logs or S3 destination.
package attest.rules.aws.vpc_flow_logs

import data.attest.lib.aws

# flow_log is the flow log resource type and the attribute by which it names
# its VPC, per format.
flow_log := ["AWS::EC2::FlowLog", "ResourceId"] if input.resource.format == "cloudformation"

flow_log := ["aws_flow_log", "vpc_id"] if input.resource.format != "cloudformation"

recorded if count(aws.linked(flow_log[0], flow_log[1])) > 0

deny contains msg if {
	not recorded
	not aws.may_link(flow_log[0], flow_log[1])
	msg := sprintf("no %s records this VPC", [flow_log[0]])
}

unknown contains msg if {
	not recorded
	aws.may_link(flow_log[0], flow_log[1])
	msg := sprintf("a %s names a VPC that is not known statically", [flow_log[0]])
}

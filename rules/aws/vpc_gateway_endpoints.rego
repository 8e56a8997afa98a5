# METADATA
# title: VPCs with private subnets have S3 and DynamoDB gateway endpoints
# description: >-
#   Without a gateway endpoint, traffic from private subnets to S3 and
#   DynamoDB leaves through a NAT gateway to the services' public addresses,
#   where endpoint policies cannot restrict which buckets or tables it
#   reaches, and egress cannot be closed. A VPC fails when one of its subnets
#   is private (map_public_ip_on_launch is not true; MapPublicIpOnLaunch in
#   CloudFormation) and no VPC endpoint of the VPC has a service name ending
#   in .s3 or in .dynamodb, for each of the two missing. A subnet, endpoint or
#   service name known only at apply time makes the verdict unknown.
# custom:
#   id: aws-vpc-gateway-endpoints
#   severity: low
#   resource_types: [aws_vpc, "AWS::EC2::VPC"]
#   controls:
#     soc2: [CC6.6, CC6.7]
#     pci-dss-4.0: [1.3.2]
#   remediation: >-
#     Add gateway endpoints for S3 and DynamoDB to the VPC and associate them
#     with the private subnets' route tables.
#   remediation_by_format:
#     terraform: >-
#       resource "aws_vpc_endpoint" "s3" { vpc_id = aws_vpc.this.id;
#       service_name = "com.amazonaws.eu-west-1.s3"; vpc_endpoint_type =
#       "Gateway"; route_table_ids = [aws_route_table.private.id] } and the
#       same for dynamodb.
#     cloudformation: >-
#       Add AWS::EC2::VPCEndpoint resources with VpcId: !Ref VPC, ServiceName:
#       !Sub com.amazonaws.${AWS::Region}.s3 (and .dynamodb), VpcEndpointType:
#       Gateway and the private RouteTableIds.
package attest.rules.aws.vpc_gateway_endpoints

import data.attest.lib
import data.attest.lib.aws
import data.attest.lib.aws.org

subnet_type := "AWS::EC2::Subnet" if input.resource.format == "cloudformation"
else := "aws_subnet"

endpoint_type := "AWS::EC2::VPCEndpoint" if input.resource.format == "cloudformation"
else := "aws_vpc_endpoint"

vpc_key := "VpcId" if input.resource.format == "cloudformation"
else := "vpc_id"

public_key := "MapPublicIpOnLaunch" if input.resource.format == "cloudformation"
else := "map_public_ip_on_launch"

service_key := "ServiceName" if input.resource.format == "cloudformation"
else := "service_name"

subnets := aws.linked(subnet_type, vpc_key)

private_subnets := {s |
	some s in subnets
	not lib.is_unknown(s, public_key)
	org.normal(lib.get(s, public_key, false)) != true
}

endpoints := aws.linked(endpoint_type, vpc_key)

services := {"S3": ".s3", "DynamoDB": ".dynamodb"}

has_endpoint(suffix) if {
	some e in endpoints
	name := lib.get(e, service_key, "")
	is_string(name)
	endswith(name, suffix)
}

undetermined if {
	some s in subnets
	lib.is_unknown(s, public_key)
}

undetermined if {
	some e in endpoints
	lib.is_unknown(e, service_key)
}

undetermined if lib.may_link(endpoint_type, vpc_key)

undetermined if lib.may_link(subnet_type, vpc_key)

missing := {name | some name, suffix in services; not has_endpoint(suffix)}

deny contains msg if {
	count(private_subnets) > 0
	count(missing) > 0
	not undetermined
	msg := sprintf("the VPC has private subnets but no gateway endpoint for %s", [concat(" or ", sort(missing))])
}

unknown contains msg if {
	count(missing) > 0
	undetermined
	msg := "a subnet's public addressing or an endpoint's service of this VPC is not known statically"
}

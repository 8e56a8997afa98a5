# METADATA
# title: EC2 instances and launch templates do not ask for public addresses
# description: >-
#   A public IPv4 address puts an instance on the internet, where only its
#   security groups stand in front of every listening service; application
#   and data tiers belong behind load balancers and NAT. An instance fails
#   when it asks for a public address, or when it does not say and its
#   subnet, defined in the same configuration, gives one at launch (or it
#   names no subnet at all and so lands in the default VPC, which does). A
#   launch template fails when a network interface asks for a public
#   address. Instances that are meant to be public need a recorded
#   exception.
# custom:
#   id: aws-ec2-no-public-ip
#   severity: medium
#   resource_types: [aws_instance, aws_launch_template, "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.3.1, 1.4.4]
#   remediation: Set associate_public_ip_address = false, launch into private subnets, and reach the instance through a load balancer, NAT or SSM Session Manager.
#   remediation_by_format:
#     terraform: >-
#       Set associate_public_ip_address = false on the aws_instance (or in the
#       launch template's network_interfaces) and use a subnet_id of a private
#       subnet whose map_public_ip_on_launch is false.
#     cloudformation: >-
#       Set AssociatePublicIpAddress: false in the NetworkInterfaces of the
#       AWS::EC2::Instance or of LaunchTemplateData, and launch into private
#       subnets.
package attest.rules.aws.ec2_no_public_ip

import data.attest.lib
import data.attest.lib.aws.svc

interfaces_path := {
	"aws_instance": "network_interface",
	"aws_launch_template": "network_interfaces",
	"AWS::EC2::Instance": "NetworkInterfaces",
	"AWS::EC2::LaunchTemplate": "LaunchTemplateData.NetworkInterfaces",
}[input.resource.type]

# The names of the format: each one a single rule whose else gives the
# Terraform name, decided with one test of the format (svc.cfn written out).
flag_name := "AssociatePublicIpAddress" if input.resource.format == "cloudformation"
else := "associate_public_ip_address"

instance if input.resource.type in {"aws_instance", "AWS::EC2::Instance"}

# asked holds when the resource itself asks for a public address.
asked if {
	not svc.cfn
	svc.normal(lib.get(input.resource, "associate_public_ip_address", false)) == true
}

asked if {
	some ni in lib.get(input.resource, interfaces_path, [])
	is_object(ni)
	svc.normal(object.get(ni, flag_name, false)) == true
}

# said holds when the instance states whether it wants a public address.
said if lib.get(input.resource, "associate_public_ip_address", null) != null

said if {
	some ni in lib.get(input.resource, interfaces_path, [])
	object.get(ni, flag_name, null) != null
}

subnet_attr := "SubnetId" if input.resource.format == "cloudformation"
else := "subnet_id"

subnet_type := "AWS::EC2::Subnet" if input.resource.format == "cloudformation"
else := "aws_subnet"

map_attr := "MapPublicIpOnLaunch" if input.resource.format == "cloudformation"
else := "map_public_ip_on_launch"

# subnet_refs are the addresses the instance's subnet attribute referred to.
subnet_refs := object.get(input.resource, ["refs", subnet_attr], [])

subnets contains s if {
	some s in lib.resources(subnet_type)
	s.address in subnet_refs
}

# The instance's subnet gives public addresses at launch.
public_subnet if {
	some s in subnets
	svc.normal(lib.get(s, map_attr, false)) == true
}

no_subnet if {
	lib.get(input.resource, subnet_attr, null) == null
	count(subnet_refs) == 0
	not lib.is_unknown(input.resource, subnet_attr)
	not said
	count(lib.get(input.resource, interfaces_path, [])) == 0
}

undetermined if lib.is_unknown(input.resource, "associate_public_ip_address")

# The interfaces, one of them, or its flag are not known; an unknown subnet
# or security group of an interface does not matter.
undetermined if svc.unknown_matching(concat("", [
	"^", replace(interfaces_path, ".", `\.`),
	`(\.[0-9]+(\.`, flag_name, ")?)?$",
]))

deny contains msg if {
	asked
	msg := "a public IP address is requested"
}

deny contains msg if {
	instance
	not said
	not undetermined
	public_subnet
	msg := "the instance's subnet gives it a public IP address at launch"
}

deny contains msg if {
	instance
	not undetermined
	no_subnet
	msg := "the instance names no subnet, so it launches into the default VPC, which gives it a public IP address"
}

unknown contains msg if {
	not asked
	undetermined
	msg := "whether a public IP address is requested is not known statically"
}

# An instance that does not say, in a subnet that is not in the
# configuration or not known statically.
unknown contains msg if {
	instance
	not asked
	not said
	not undetermined
	not no_subnet
	count(subnets) == 0
	msg := "the instance's subnet is not in this configuration, so whether it gives a public IP address is not known"
}

unknown contains msg if {
	instance
	not said
	some s in subnets
	lib.is_unknown(s, map_attr)
	msg := "whether the instance's subnet gives public IP addresses is not known statically"
}

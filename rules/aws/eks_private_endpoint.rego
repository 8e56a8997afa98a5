# METADATA
# title: EKS API endpoints are not open to the internet
# description: >-
#   By default the Kubernetes API of an EKS cluster is reachable from any
#   address (endpoint_public_access = true, public_access_cidrs 0.0.0.0/0),
#   leaving only authentication between the internet and the control plane.
#   A cluster passes when the public endpoint is off, or when it is limited
#   to address ranges other than 0.0.0.0/0.
# custom:
#   id: aws-eks-private-endpoint
#   severity: high
#   resource_types: [aws_eks_cluster, "AWS::EKS::Cluster"]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.4.2]
#   remediation: >-
#     In vpc_config set endpoint_private_access = true and
#     endpoint_public_access = false, or list your office and CI ranges in
#     public_access_cidrs.
#   remediation_by_format:
#     terraform: >-
#       In vpc_config set endpoint_private_access = true and
#       endpoint_public_access = false, or list your office and CI ranges in
#       public_access_cidrs.
#     cloudformation: >-
#       In ResourcesVpcConfig set EndpointPrivateAccess: true and
#       EndpointPublicAccess: false, or list your office and CI ranges in
#       PublicAccessCidrs.
package attest.rules.aws.eks_private_endpoint

import data.attest.lib.aws.props

public if props.get("vpc_config.0.endpoint_public_access", true) == true

# Without a list of allowed ranges the public endpoint accepts every address.
cidrs := props.get("vpc_config.0.public_access_cidrs", null)

open_cidrs if cidrs == null

open_cidrs if "0.0.0.0/0" in cidrs

undetermined if props.is_unknown("vpc_config.0.endpoint_public_access")

undetermined if props.is_unknown("vpc_config.0.public_access_cidrs")

undetermined if props.unknown_exactly("vpc_config")

deny contains msg if {
	not undetermined
	public
	open_cidrs
	msg := "the public API endpoint accepts connections from 0.0.0.0/0"
}

unknown contains msg if {
	undetermined
	msg := "the endpoint access settings are not known statically"
}

# METADATA
# title: SageMaker notebook instances have no direct internet access
# description: >-
#   A notebook instance holds training data and runs code its users paste in;
#   with direct internet access (the default) it reaches the internet through
#   a SageMaker-managed network that the account's security groups, NACLs
#   and flow logs do not see, so data can leave unobserved. With direct
#   access disabled the notebook lives in the account's own subnet and
#   reaches out only through the VPC's NAT, endpoints and controls. A
#   notebook fails when direct_internet_access (DirectInternetAccess in
#   CloudFormation) is unset or Enabled.
# custom:
#   id: aws-sagemaker-notebook-no-direct-internet
#   severity: medium
#   resource_types: [aws_sagemaker_notebook_instance, "AWS::SageMaker::NotebookInstance"]
#   controls:
#     soc2: [CC6.6]
#     pci-dss-4.0: [1.3.2, 1.4.4]
#   remediation: Disable direct internet access and put the notebook in a private subnet of your VPC.
#   remediation_by_format:
#     terraform: >-
#       Set direct_internet_access = "Disabled", subnet_id and security_groups
#       on the aws_sagemaker_notebook_instance.
#     cloudformation: >-
#       Set DirectInternetAccess: Disabled, SubnetId and SecurityGroupIds on
#       the AWS::SageMaker::NotebookInstance.
package attest.rules.aws.sagemaker_notebook_no_direct_internet

import data.attest.lib

path := "DirectInternetAccess" if input.resource.format == "cloudformation"

path := "direct_internet_access" if input.resource.format != "cloudformation"

undetermined if lib.is_unknown(input.resource, path)

access := lib.get(input.resource, path, "Enabled")

deny contains msg if {
	not undetermined
	access != "Disabled"
	msg := sprintf("%s is %v: the notebook reaches the internet outside the VPC's controls", [path, access])
}

unknown contains msg if {
	undetermined
	msg := sprintf("%s is not known statically", [path])
}

# METADATA
# title: Load balancers have deletion protection
# description: >-
#   A load balancer is the front door of a service: deleting it by mistake
#   (a mistyped terraform destroy, a stack torn down) takes the service off
#   the air, and recreating it gives it a new DNS name. Deletion protection
#   makes the API refuse to delete it until the flag is turned off first. It
#   is off by default in both Terraform (enable_deletion_protection) and
#   CloudFormation (the deletion_protection.enabled attribute).
# custom:
#   id: aws-lb-deletion-protection
#   severity: low
#   resource_types: [aws_lb, aws_alb, "AWS::ElasticLoadBalancingV2::LoadBalancer"]
#   controls:
#     soc2: [A1.2, CC8.1]
#   remediation: Turn on deletion protection for the load balancer.
#   remediation_by_format:
#     terraform: Set enable_deletion_protection = true on the aws_lb.
#     cloudformation: >-
#       Add {Key: deletion_protection.enabled, Value: "true"} to
#       LoadBalancerAttributes of the AWS::ElasticLoadBalancingV2::LoadBalancer.
package attest.rules.aws.lb_deletion_protection

import data.attest.lib.aws.lb

protected if lb.true_("enable_deletion_protection", "deletion_protection.enabled")

deny contains msg if {
	not protected
	not lb.unknown_("enable_deletion_protection")
	msg := "deletion protection is off: the load balancer can be deleted in one call"
}

unknown contains msg if {
	not protected
	lb.unknown_("enable_deletion_protection")
	msg := "whether deletion protection is on is not known statically"
}

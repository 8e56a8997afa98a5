# Package attest.lib.aws.lb reads a load balancer attribute, whichever format
# the load balancer came from: a top-level argument of aws_lb, or an entry
# {Key, Value} of LoadBalancerAttributes in CloudFormation, whose values are
# strings.
package attest.lib.aws.lb

import data.attest.lib

cfn if input.resource.format == "cloudformation"

# type is the load balancer's type; both formats default to application.
type := lib.get(input.resource, "Type", "application") if cfn

type := lib.get(input.resource, "load_balancer_type", "application") if not cfn

type_unknown if {
	cfn
	lib.is_unknown(input.resource, "Type")
}

type_unknown if {
	not cfn
	lib.is_unknown(input.resource, "load_balancer_type")
}

# true_(arg, key) holds when the Terraform argument arg, or the
# CloudFormation attribute key, is true.
true_(arg, _) if {
	not cfn
	lib.get(input.resource, arg, false) == true
}

true_(_, key) if {
	cfn
	some a in lib.get(input.resource, "LoadBalancerAttributes", [])
	is_object(a)
	object.get(a, "Key", "") == key
	lower(sprintf("%v", [object.get(a, "Value", "")])) == "true"
}

# unknown_(arg) holds when the Terraform argument arg, or any
# LoadBalancerAttributes entry (whose key decides which attribute it is), is
# not known statically.
unknown_(arg) if {
	not cfn
	lib.is_unknown(input.resource, arg)
}

unknown_(_) if {
	cfn
	lib.is_unknown(input.resource, "LoadBalancerAttributes")
}

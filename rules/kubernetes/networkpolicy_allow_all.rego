# METADATA
# title: NetworkPolicies do not allow all traffic
# description: >-
#   An ingress rule with neither from nor ports, or an egress rule with
#   neither to nor ports, allows every source or destination on every port:
#   the policy that looks like a control opens the pods it selects to the
#   whole cluster and beyond.
# custom:
#   id: k8s-networkpolicy-allow-all
#   severity: medium
#   benchmark: "CIS Kubernetes 5.3.2"
#   resource_types: [NetworkPolicy]
#   controls:
#     soc2: [CC6.6, CC6.1]
#     pci-dss-4.0: [1.3.1, 1.3.2]
#   remediation: >-
#     Name the peers (podSelector, namespaceSelector or ipBlock) and the
#     ports each rule allows.
package attest.rules.kubernetes.networkpolicy_allow_all

open_rule(r) if {
	count(object.get(r, "from", [])) + count(object.get(r, "to", [])) == 0
	count(object.get(r, "ports", [])) == 0
}

deny contains msg if {
	some direction in ["ingress", "egress"]
	some i, r in object.get(input.resource.attributes, ["spec", direction], [])
	open_rule(r)
	msg := sprintf("%s rule %d allows all traffic on every port", [direction, i])
}

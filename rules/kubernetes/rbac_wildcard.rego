# METADATA
# title: Roles do not grant wildcard verbs or resources
# description: >-
#   A "*" in a role's verbs or resources grants every action, including those
#   added by future API versions and custom resources, instead of the least
#   privilege the subject needs.
# custom:
#   id: k8s-rbac-wildcard
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.3"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: List the verbs and resources the subject needs instead of "*".
package attest.rules.kubernetes.rbac_wildcard

deny contains msg if {
	some i, r in object.get(input.resource.attributes, "rules", [])
	some field in ["verbs", "resources", "apiGroups"]
	"*" in object.get(r, field, [])
	field != "apiGroups"
	msg := sprintf("rule %d grants every %s (\"*\")", [i, trim_suffix(field, "s")])
}

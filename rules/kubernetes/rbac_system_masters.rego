# METADATA
# title: Nothing is bound to the system:masters group
# description: >-
#   Members of system:masters bypass authorisation altogether: the API
#   server grants them everything before RBAC is consulted, and removing a
#   binding cannot take that away. Naming the group in a binding signals
#   that identities are being put in it.
# custom:
#   id: k8s-rbac-system-masters
#   severity: critical
#   benchmark: "CIS Kubernetes 5.1.7"
#   resource_types: [RoleBinding, ClusterRoleBinding]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove system:masters from the subjects; give administrators a named
#     group bound to cluster-admin, kept for break-glass use.
package attest.rules.kubernetes.rbac_system_masters

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some s in k8s.subjects
	object.get(s, "name", "") == "system:masters"
	msg := sprintf("binds %s to the group system:masters", [object.get(input.resource.attributes, ["roleRef", "name"], "")])
}

# METADATA
# title: Roles do not grant the bind verb
# description: >-
#   The bind verb lets a subject bind any role to anyone, itself included,
#   even a role that grants more than it holds; binding cluster-admin is one
#   step away.
# custom:
#   id: k8s-rbac-bind
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.8"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove bind from the role, or limit it with resourceNames to the roles
#     the subject may hand out.
package attest.rules.kubernetes.rbac_bind

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["bind"], ["rbac.authorization.k8s.io"], ["roles", "clusterroles"])
	msg := sprintf("rule %d grants bind on roles", [i])
}

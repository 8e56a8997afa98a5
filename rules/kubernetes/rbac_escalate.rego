# METADATA
# title: Roles do not grant the escalate verb
# description: >-
#   The escalate verb lets a subject create or edit roles that grant
#   permissions it does not hold itself, which is a direct path to
#   cluster-admin. Only the API server's own controllers need it.
# custom:
#   id: k8s-rbac-escalate
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.8"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove escalate from the role; let administrators change roles through
#     a reviewed change.
package attest.rules.kubernetes.rbac_escalate

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["escalate"], ["rbac.authorization.k8s.io"], ["roles", "clusterroles"])
	msg := sprintf("rule %d grants escalate on roles", [i])
}

# METADATA
# title: Nothing is bound to anonymous or unauthenticated users
# description: >-
#   A binding whose subject is system:anonymous or the group
#   system:unauthenticated grants its role to anyone who can reach the API
#   server, without credentials. Only the cluster's own
#   system:public-info-viewer binding may name them.
# custom:
#   id: k8s-rbac-anonymous-subject
#   severity: critical
#   benchmark: "CIS Kubernetes 5.1 (least privilege); Kubescape C-0262"
#   resource_types: [RoleBinding, ClusterRoleBinding]
#   controls:
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: [7.2.1, 8.2.1]
#   remediation: >-
#     Remove system:anonymous and system:unauthenticated from the subjects;
#     grant the role to authenticated identities.
package attest.rules.kubernetes.rbac_anonymous

import data.attest.lib.kubernetes as k8s

role_name := object.get(input.resource.attributes, ["roleRef", "name"], "")

deny contains msg if {
	some s in k8s.subjects
	object.get(s, "name", "") in {"system:anonymous", "system:unauthenticated"}
	role_name != "system:public-info-viewer"
	msg := sprintf("binds %s to %s %s", [role_name, object.get(s, "kind", ""), s.name])
}

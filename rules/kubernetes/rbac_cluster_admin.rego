# METADATA
# title: Nothing is bound to cluster-admin
# description: >-
#   cluster-admin can do anything to any object in the cluster. Binding it to
#   users, groups or service accounts beyond the break-glass few that need it
#   defeats least privilege, and a workload's service account bound to it
#   turns any compromise of the workload into a compromise of the cluster.
# custom:
#   id: k8s-rbac-cluster-admin-binding
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.1"
#   resource_types: [ClusterRoleBinding, RoleBinding]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: Bind a role that grants only what the subjects need; keep cluster-admin for an audited break-glass group.
package attest.rules.kubernetes.rbac_cluster_admin

deny contains msg if {
	ref := object.get(input.resource.attributes, "roleRef", {})
	object.get(ref, "kind", "") == "ClusterRole"
	object.get(ref, "name", "") == "cluster-admin"
	subjects := [sprintf("%s %s", [object.get(s, "kind", ""), object.get(s, "name", "")]) | some s in object.get(input.resource.attributes, "subjects", [])]
	msg := sprintf("binds cluster-admin to %s", [concat(", ", subjects)])
}

# METADATA
# title: Roles are not bound to default service accounts
# description: >-
#   Every pod that names no service account runs as its namespace's default
#   account. A role bound to that account is granted to all of those pods,
#   including ones deployed later for other purposes.
# custom:
#   id: k8s-rbac-default-service-account
#   severity: medium
#   benchmark: "CIS Kubernetes 5.1.5"
#   resource_types: [RoleBinding, ClusterRoleBinding]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.2, 7.2.5]
#   remediation: >-
#     Create a ServiceAccount for the workload that needs the role, bind the
#     role to it, and name it in the pod's serviceAccountName.
package attest.rules.kubernetes.rbac_default_service_account

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some s in k8s.subjects
	object.get(s, "kind", "") == "ServiceAccount"
	object.get(s, "name", "") == "default"
	msg := sprintf("binds %s to the default service account of namespace %q", [object.get(input.resource.attributes, ["roleRef", "name"], ""), object.get(s, "namespace", k8s.namespace)])
}

deny contains msg if {
	some s in k8s.subjects
	object.get(s, "kind", "") == "Group"
	regex.match(`^system:serviceaccounts(:[^:]+)?$`, object.get(s, "name", ""))
	msg := sprintf("binds %s to every service account of %s", [object.get(input.resource.attributes, ["roleRef", "name"], ""), s.name])
}

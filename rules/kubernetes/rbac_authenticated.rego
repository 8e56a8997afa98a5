# METADATA
# title: Nothing is bound to every authenticated user
# description: >-
#   The group system:authenticated holds every identity the API server
#   accepts: every service account of every namespace and, on many managed
#   clusters, any account of the cloud provider. A role bound to it is
#   granted to all of them. The cluster's own discovery and basic-user
#   bindings are allowed.
# custom:
#   id: k8s-rbac-authenticated-subject
#   severity: high
#   benchmark: "CIS Kubernetes 5.1 (least privilege); Kubescape C-0262"
#   resource_types: [RoleBinding, ClusterRoleBinding]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Bind the role to the groups or service accounts that need it instead
#     of system:authenticated.
package attest.rules.kubernetes.rbac_authenticated

import data.attest.lib.kubernetes as k8s

role_name := object.get(input.resource.attributes, ["roleRef", "name"], "")

defaults := {"system:basic-user", "system:discovery", "system:public-info-viewer"}

deny contains msg if {
	some s in k8s.subjects
	object.get(s, "name", "") == "system:authenticated"
	not role_name in defaults
	msg := sprintf("binds %s to every authenticated user", [role_name])
}

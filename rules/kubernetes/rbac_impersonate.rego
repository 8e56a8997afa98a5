# METADATA
# title: Roles do not grant impersonation
# description: >-
#   The impersonate verb lets a subject act as another user, group or
#   service account, and so with all of their permissions; the audit log
#   then shows the impersonated identity.
# custom:
#   id: k8s-rbac-impersonate
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.8"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove impersonate from the role; give the subject the permissions it
#     needs directly.
package attest.rules.kubernetes.rbac_impersonate

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["impersonate"], ["", "authentication.k8s.io"], ["users", "groups", "serviceaccounts", "uids", "userextras/scopes"])
	msg := sprintf("rule %d grants impersonate", [i])
}

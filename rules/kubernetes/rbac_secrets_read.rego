# METADATA
# title: ClusterRoles do not read secrets
# description: >-
#   A ClusterRole that can get, list or watch secrets reads every credential
#   of every namespace it is bound in, and a ClusterRoleBinding binds it in
#   all of them: service account tokens, database passwords and TLS keys.
#   Reading secrets should be limited to a namespaced Role, and to named
#   secrets where possible.
# custom:
#   id: k8s-rbac-secrets-read
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.2"
#   resource_types: [ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2, 8.3.2]
#   remediation: >-
#     Grant access to secrets with a namespaced Role, naming the secrets in
#     resourceNames.
package attest.rules.kubernetes.rbac_secrets_read

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["get", "list", "watch"], [""], ["secrets"])
	msg := sprintf("rule %d can read secrets in every namespace it is bound in", [i])
}

# METADATA
# title: Roles do not grant creating service account tokens
# description: >-
#   Creating serviceaccounts/token issues a fresh token for any service
#   account the role reaches, and so the permissions of that account, with
#   an expiry the caller chooses.
# custom:
#   id: k8s-rbac-token-create
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.13"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove create on serviceaccounts/token; let pods receive their tokens
#     through projected volumes.
package attest.rules.kubernetes.rbac_token_create

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["create"], [""], ["serviceaccounts/token"])
	msg := sprintf("rule %d grants creating service account tokens", [i])
}

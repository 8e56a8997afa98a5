# METADATA
# title: Roles do not grant changing admission webhooks
# description: >-
#   Whoever can create or change validating or mutating webhook
#   configurations can switch off admission control (including attest's own
#   gate) or send every object through a webhook of their choosing that
#   rewrites it.
# custom:
#   id: k8s-rbac-webhook-config
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.12"
#   resource_types: [ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Keep webhook configuration changes for cluster administrators and the
#     controllers that own them.
package attest.rules.kubernetes.rbac_webhook_config

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["create", "update", "patch", "delete"], ["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"])
	msg := sprintf("rule %d grants changing admission webhook configurations", [i])
}

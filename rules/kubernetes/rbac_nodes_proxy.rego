# METADATA
# title: Roles do not grant the nodes/proxy subresource
# description: >-
#   Access to nodes/proxy reaches the kubelet API of every node through the
#   API server: it can run commands in any pod on the node, and such calls
#   bypass admission control and are logged only as proxy requests.
# custom:
#   id: k8s-rbac-nodes-proxy
#   severity: high
#   benchmark: "CIS Kubernetes 5.1.10"
#   resource_types: [ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove nodes/proxy from the role; give monitoring agents nodes/metrics
#     or nodes/stats instead.
package attest.rules.kubernetes.rbac_nodes_proxy

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["get", "create", "update", "patch", "delete"], [""], ["nodes/proxy"])
	msg := sprintf("rule %d grants nodes/proxy", [i])
}

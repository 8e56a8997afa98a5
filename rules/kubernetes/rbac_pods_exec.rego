# METADATA
# title: Roles do not grant exec or attach into pods
# description: >-
#   pods/exec and pods/attach open a shell in running containers, with the
#   container's files, secrets and service account token; a role that grants
#   them is as powerful as the workloads it can reach.
# custom:
#   id: k8s-rbac-pods-exec
#   severity: medium
#   benchmark: "CIS Kubernetes 5.1 (least privilege); Kubescape C-0002"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Remove pods/exec and pods/attach from the role; give break-glass
#     access through a separate, audited role.
package attest.rules.kubernetes.rbac_pods_exec

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["create", "get"], [""], ["pods/exec", "pods/attach"])
	msg := sprintf("rule %d grants exec or attach into pods", [i])
}

# METADATA
# title: Roles grant creating pods only where needed
# description: >-
#   A subject that can create pods, or the workloads that create them, can
#   run any image with any service account of the namespace, mount its
#   secrets and, where Pod Security admission is not enforced, start a
#   privileged pod on a node.
# custom:
#   id: k8s-rbac-create-pods
#   severity: medium
#   benchmark: "CIS Kubernetes 5.1.4"
#   resource_types: [Role, ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Limit pod and workload creation to deployment pipelines and
#     controllers; enforce Pod Security admission on the namespace.
package attest.rules.kubernetes.rbac_create_pods

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["create"], ["", "apps", "batch"], ["pods", "deployments", "statefulsets", "daemonsets", "replicasets", "jobs", "cronjobs"])
	msg := sprintf("rule %d grants creating pods or workloads", [i])
}

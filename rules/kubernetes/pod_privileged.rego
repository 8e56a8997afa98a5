# METADATA
# title: Containers do not run privileged
# description: >-
#   A privileged container has every capability and the host's devices: it can
#   load kernel modules, read other containers' memory and take over the node.
#   Pod Security Standards forbid it from the baseline level up.
# custom:
#   id: k8s-pod-privileged
#   severity: critical
#   benchmark: "PSS baseline: Privileged Containers; CIS Kubernetes 5.2.2"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Remove securityContext.privileged (or set it to false) on every container.
package attest.rules.kubernetes.pod_privileged

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	k8s.security_context(x.c).privileged == true
	msg := sprintf("%s runs privileged", [k8s.describe(x)])
}

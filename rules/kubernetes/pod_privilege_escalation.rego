# METADATA
# title: Containers forbid privilege escalation
# description: >-
#   Unless allowPrivilegeEscalation is false, a process can gain more
#   privileges than its parent through setuid binaries or file capabilities.
#   The restricted Pod Security Standard requires it to be false; it is true
#   by default.
# custom:
#   id: k8s-pod-privilege-escalation
#   severity: medium
#   benchmark: "PSS restricted: Privilege Escalation; CIS Kubernetes 5.2.6"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: "Set securityContext.allowPrivilegeEscalation: false on every container."
package attest.rules.kubernetes.pod_privilege_escalation

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	object.get(k8s.security_context(x.c), "allowPrivilegeEscalation", true) != false
	msg := sprintf("%s may escalate privileges (allowPrivilegeEscalation is not false)", [k8s.describe(x)])
}

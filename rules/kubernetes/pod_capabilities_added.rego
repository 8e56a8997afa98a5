# METADATA
# title: Containers add no capabilities beyond the runtime's default set
# description: >-
#   Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW or SYS_PTRACE give a
#   container powers over the node's kernel that most workloads never need.
#   The baseline Pod Security Standard allows adding only the capabilities a
#   container runtime grants by default.
# custom:
#   id: k8s-pod-capabilities-added
#   severity: high
#   benchmark: "PSS baseline: Capabilities; CIS Kubernetes 5.2.9"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.4]
#   remediation: Remove the capability from securityContext.capabilities.add.
package attest.rules.kubernetes.pod_capabilities_added

import data.attest.lib.kubernetes as k8s

default_caps := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

deny contains msg if {
	some x in k8s.containers
	some cap in object.get(k8s.security_context(x.c), ["capabilities", "add"], [])
	not trim_prefix(upper(cap), "CAP_") in default_caps
	msg := sprintf("%s adds capability %s", [k8s.describe(x), cap])
}

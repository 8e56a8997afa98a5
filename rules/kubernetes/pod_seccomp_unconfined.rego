# METADATA
# title: Containers do not turn seccomp off
# description: >-
#   A seccomp profile of type Unconfined removes the system call filter the
#   container runtime applies by default, so every kernel system call is
#   open to the container. The baseline Pod Security Standard forbids it;
#   the restricted level (k8s-pod-seccomp) also requires a profile to be
#   set.
# custom:
#   id: k8s-pod-seccomp-unconfined
#   severity: high
#   benchmark: "PSS baseline: Seccomp; CIS Kubernetes 5.7.2"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: >-
#     Set securityContext.seccompProfile.type to RuntimeDefault (or
#     Localhost with a profile) instead of Unconfined.
package attest.rules.kubernetes.pod_seccomp_unconfined

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	p := k8s.effective(x.c, "seccompProfile")
	is_object(p)
	object.get(p, "type", "") == "Unconfined"
	msg := sprintf("%s runs with seccomp profile Unconfined", [k8s.describe(x)])
}

deny contains msg if {
	some key, value in object.get(k8s.pod_metadata, "annotations", {})
	startswith(key, "seccomp.security.alpha.kubernetes.io/")
	value == "unconfined"
	msg := sprintf("annotation %s is unconfined", [key])
}

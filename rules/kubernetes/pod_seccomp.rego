# METADATA
# title: Containers run under a seccomp profile
# description: >-
#   A seccomp profile limits the system calls a container can make, closing
#   off much of the kernel's attack surface. The restricted Pod Security
#   Standard requires RuntimeDefault or Localhost on the pod or on every
#   container, and the baseline forbids Unconfined.
# custom:
#   id: k8s-pod-seccomp
#   severity: medium
#   benchmark: "PSS restricted: Seccomp; PSS baseline: Seccomp; CIS Kubernetes 5.7.2"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: "Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec."
package attest.rules.kubernetes.pod_seccomp

import data.attest.lib.kubernetes as k8s

# profile_type(c) is the seccomp profile type that applies to the
# container, "none" when neither it nor the pod sets one.
profile_type(c) := t if {
	p := k8s.effective(c, "seccompProfile")
	is_object(p)
	t := object.get(p, "type", "none")
} else := "none"

deny contains msg if {
	some x in k8s.containers
	t := profile_type(x.c)
	not t in {"RuntimeDefault", "Localhost"}
	msg := sprintf("%s has seccomp profile %q (want RuntimeDefault or Localhost)", [k8s.describe(x), t])
}

# METADATA
# title: Containers keep the default /proc mount
# description: >-
#   procMount Unmasked exposes the parts of /proc the runtime masks, such as
#   kernel keys and timers, to the container. The baseline Pod Security
#   Standard allows only Default.
# custom:
#   id: k8s-pod-proc-mount
#   severity: medium
#   benchmark: "PSS baseline: /proc Mount Type"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Remove securityContext.procMount or set it to Default.
package attest.rules.kubernetes.pod_proc_mount

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	object.get(k8s.security_context(x.c), "procMount", "Default") != "Default"
	msg := sprintf("%s sets procMount %q", [k8s.describe(x), k8s.security_context(x.c).procMount])
}

# METADATA
# title: Containers cannot set the node's clock
# description: >-
#   The system clock is not namespaced: a container with the SYS_TIME
#   capability (asked for by name or through ALL) sets the time of the whole
#   node, and with it the timestamps of every log line written there, the
#   validity window of certificates and tokens, and the order of events an
#   investigation relies on. Only the node's time service should change the
#   clock. A workload fails when one of its containers adds SYS_TIME or ALL.
#   A privileged container can set the clock too; k8s-pod-privileged fails
#   it, so that one fact is not two failures to waive.
# custom:
#   id: k8s-pod-sys-time
#   severity: high
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC7.2]
#     pci-dss-4.0: [10.6.3]
#   remediation: >-
#     Remove SYS_TIME and ALL from securityContext.capabilities.add of every
#     container; leave the clock to the node's time synchronisation service.
package attest.rules.kubernetes.pod_sys_time

import data.attest.lib.kubernetes as k8s

clock_caps := {"SYS_TIME", "ALL"}

deny contains msg if {
	some x in k8s.containers
	some cap in object.get(k8s.security_context(x.c), ["capabilities", "add"], [])
	is_string(cap)
	trim_prefix(upper(cap), "CAP_") in clock_caps
	msg := sprintf("%s adds capability %s, which lets it set the node's clock", [k8s.describe(x), cap])
}

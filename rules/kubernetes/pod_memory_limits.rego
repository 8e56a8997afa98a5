# METADATA
# title: Containers set a memory limit
# description: >-
#   Without a memory limit a leak or a hostile input can grow a container
#   until the node runs out of memory and the kernel kills processes of
#   other workloads. A LimitRange of the namespace with a default for memory
#   counts as setting it.
# custom:
#   id: k8s-pod-memory-limits
#   severity: medium
#   benchmark: "CIS Kubernetes 5.7 (general policies); Polaris memoryLimits"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [A1.1, A1.2]
#   remediation: >-
#     Set resources.limits.memory on every container, or a default for
#     memory in a LimitRange of the namespace.
package attest.rules.kubernetes.pod_memory_limits

import data.attest.lib.kubernetes as k8s

set_on(c) if object.get(c, ["resources", "limits", "memory"], null) != null

namespace_default if {
	some lr in k8s.in_namespace("LimitRange")
	some l in object.get(lr.attributes, ["spec", "limits"], [])
	object.get(l, "type", "Container") == "Container"
	some key in ["default"]
	object.get(l, [key, "memory"], null) != null
}

deny contains msg if {
	some x in k8s.containers
	x.field != "ephemeralContainers"
	not set_on(x.c)
	not namespace_default
	msg := sprintf("%s sets no memory limit", [k8s.describe(x)])
}

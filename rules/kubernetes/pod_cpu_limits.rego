# METADATA
# title: Containers set a CPU limit
# description: >-
#   Without a CPU limit one container can take every core of its node and
#   starve its neighbours, which turns a bug or an attack on one workload
#   into an outage of others. A LimitRange of the namespace with a default
#   for cpu counts as setting it.
# custom:
#   id: k8s-pod-cpu-limits
#   severity: medium
#   benchmark: "CIS Kubernetes 5.7 (general policies); Polaris cpuLimits"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [A1.1, A1.2]
#   remediation: >-
#     Set resources.limits.cpu on every container, or a default for cpu in a
#     LimitRange of the namespace.
package attest.rules.kubernetes.pod_cpu_limits

import data.attest.lib.kubernetes as k8s

set_on(c) if object.get(c, ["resources", "limits", "cpu"], null) != null

namespace_default if {
	some lr in k8s.in_namespace("LimitRange")
	some l in object.get(lr.attributes, ["spec", "limits"], [])
	object.get(l, "type", "Container") == "Container"
	some key in ["default"]
	object.get(l, [key, "cpu"], null) != null
}

deny contains msg if {
	some x in k8s.containers
	x.field != "ephemeralContainers"
	not set_on(x.c)
	not namespace_default
	msg := sprintf("%s sets no cpu limit", [k8s.describe(x)])
}

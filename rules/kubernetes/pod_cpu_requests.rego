# METADATA
# title: Containers set a CPU request
# description: >-
#   Without a CPU request the scheduler places the pod as if it needed no
#   CPU and, under contention, the container gets the smallest share, so
#   capacity planning and the service's availability rest on luck. A
#   LimitRange of the namespace with a default or defaultRequest for cpu
#   counts as setting it. A limit without a request counts as the request,
#   as Kubernetes fills it in.
# custom:
#   id: k8s-pod-cpu-requests
#   severity: low
#   benchmark: "CIS Kubernetes 5.7 (general policies); Polaris cpuRequests"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [A1.1, A1.2]
#   remediation: >-
#     Set resources.requests.cpu on every container, or a defaultRequest for
#     cpu in a LimitRange of the namespace.
package attest.rules.kubernetes.pod_cpu_requests

import data.attest.lib.kubernetes as k8s

set_on(c) if object.get(c, ["resources", "requests", "cpu"], null) != null

set_on(c) if object.get(c, ["resources", "limits", "cpu"], null) != null

namespace_default if {
	some lr in k8s.in_namespace("LimitRange")
	some l in object.get(lr.attributes, ["spec", "limits"], [])
	object.get(l, "type", "Container") == "Container"
	some key in ["defaultRequest", "default"]
	object.get(l, [key, "cpu"], null) != null
}

deny contains msg if {
	some x in k8s.containers
	x.field != "ephemeralContainers"
	not set_on(x.c)
	not namespace_default
	msg := sprintf("%s sets no cpu request", [k8s.describe(x)])
}

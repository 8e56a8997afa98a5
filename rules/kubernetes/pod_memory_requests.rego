# METADATA
# title: Containers set a memory request
# description: >-
#   Without a memory request the scheduler can pack pods onto a node that
#   cannot hold them, and the container is among the first the kubelet
#   evicts when the node runs short of memory. A LimitRange of the namespace
#   with a default or defaultRequest for memory counts as setting it. A
#   limit without a request counts as the request, as Kubernetes fills it
#   in.
# custom:
#   id: k8s-pod-memory-requests
#   severity: low
#   benchmark: "CIS Kubernetes 5.7 (general policies); Polaris memoryRequests"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [A1.1, A1.2]
#   remediation: >-
#     Set resources.requests.memory on every container, or a defaultRequest
#     for memory in a LimitRange of the namespace.
package attest.rules.kubernetes.pod_memory_requests

import data.attest.lib.kubernetes as k8s

set_on(c) if object.get(c, ["resources", "requests", "memory"], null) != null

set_on(c) if object.get(c, ["resources", "limits", "memory"], null) != null

namespace_default if {
	some lr in k8s.in_namespace("LimitRange")
	some l in object.get(lr.attributes, ["spec", "limits"], [])
	object.get(l, "type", "Container") == "Container"
	some key in ["defaultRequest", "default"]
	object.get(l, [key, "memory"], null) != null
}

deny contains msg if {
	some x in k8s.containers
	x.field != "ephemeralContainers"
	not set_on(x.c)
	not namespace_default
	msg := sprintf("%s sets no memory request", [k8s.describe(x)])
}

# METADATA
# title: Long-running containers have a readiness probe
# description: >-
#   Without a readiness probe Kubernetes cannot tell a container that is up
#   from one that works, so it neither restarts a container that hangs nor
#   notices it: the readiness probe is how the cluster sends traffic only to
#   pods that can serve it, which keeps the service available. Jobs and
#   CronJobs, which run to completion, are not judged.
# custom:
#   id: k8s-pod-readiness-probe
#   severity: low
#   benchmark: "Availability: readiness probes (Polaris, kube-linter)"
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Rollout]
#   controls:
#     soc2: [A1.2]
#   remediation: >-
#     Add a readinessProbe (httpGet, tcpSocket, grpc or exec) to every
#     container.
package attest.rules.kubernetes.pod_readiness_probe

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	x.field == "containers"
	not is_object(object.get(x.c, "readinessProbe", null))
	msg := sprintf("%s has no readinessProbe", [k8s.describe(x)])
}

# METADATA
# title: Long-running containers have a liveness probe
# description: >-
#   Without a liveness probe Kubernetes cannot tell a container that is up
#   from one that works, so it neither restarts a container that hangs nor
#   notices it: the liveness probe is how the cluster restarts a container
#   that hangs, which keeps the service available. Jobs and CronJobs, which
#   run to completion, are not judged.
# custom:
#   id: k8s-pod-liveness-probe
#   severity: low
#   benchmark: "Availability: liveness probes (Polaris, kube-linter)"
#   resource_types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Rollout]
#   controls:
#     soc2: [A1.2]
#   remediation: >-
#     Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to every
#     container.
package attest.rules.kubernetes.pod_liveness_probe

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	x.field == "containers"
	not is_object(object.get(x.c, "livenessProbe", null))
	msg := sprintf("%s has no livenessProbe", [k8s.describe(x)])
}

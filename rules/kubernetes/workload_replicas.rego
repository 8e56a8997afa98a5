# METADATA
# title: Deployments and StatefulSets run more than one replica
# description: >-
#   A single replica makes every node drain, rollout or crash an outage of
#   the service. Two or more replicas, or a HorizontalPodAutoscaler in the
#   same manifests with minReplicas of at least 2, keep it available while
#   one pod is down.
# custom:
#   id: k8s-workload-replicas
#   severity: low
#   benchmark: "Availability: replicas (Polaris, kube-linter minimum-three-replicas)"
#   resource_types: [Deployment, StatefulSet, ReplicaSet, Rollout]
#   controls:
#     soc2: [A1.2]
#   remediation: >-
#     Set spec.replicas to 2 or more, or scale the workload with a
#     HorizontalPodAutoscaler whose minReplicas is at least 2.
package attest.rules.kubernetes.workload_replicas

import data.attest.lib.kubernetes as k8s

replicas := object.get(input.resource.attributes, ["spec", "replicas"], 1)

name := object.get(input.resource.attributes, ["metadata", "name"], "")

autoscaled if {
	some hpa in k8s.in_namespace("HorizontalPodAutoscaler")
	ref := object.get(hpa.attributes, ["spec", "scaleTargetRef"], {})
	object.get(ref, "kind", "") == input.resource.type
	object.get(ref, "name", "") == name
	object.get(hpa.attributes, ["spec", "minReplicas"], 1) >= 2
}

deny contains msg if {
	is_number(replicas)
	replicas < 2
	not autoscaled
	msg := sprintf("the %s runs %d replica(s)", [input.resource.type, replicas])
}

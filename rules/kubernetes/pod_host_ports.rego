# METADATA
# title: Containers do not bind host ports
# description: >-
#   A hostPort publishes the container on the node's own address, outside
#   Services and NetworkPolicy, and ties the pod to nodes where the port is
#   free. Pod Security Standards forbid host ports from the baseline level up.
# custom:
#   id: k8s-pod-host-ports
#   severity: medium
#   benchmark: "PSS baseline: Host Ports; CIS Kubernetes 5.2.13"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: [1.2.5, 2.2.4]
#   remediation: Remove hostPort from the container ports and expose the pod through a Service.
package attest.rules.kubernetes.pod_host_ports

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	some p in object.get(x.c, "ports", [])
	object.get(p, "hostPort", 0) != 0
	msg := sprintf("%s binds host port %v", [k8s.describe(x), p.hostPort])
}

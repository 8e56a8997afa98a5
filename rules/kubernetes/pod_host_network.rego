# METADATA
# title: Pods do not share the host's network namespace
# description: >-
#   A pod with hostNetwork: true shares the node's network stack: it sees all its traffic, reaches services bound to localhost and bypasses NetworkPolicy. Pod Security Standards forbid host
#   namespaces from the baseline level up.
# custom:
#   id: k8s-pod-host-network
#   severity: high
#   benchmark: "PSS baseline: Host Namespaces; CIS Kubernetes 5.2.5"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.3]
#   remediation: Remove spec.hostNetwork from the pod spec (or set it to false).
package attest.rules.kubernetes.pod_host_network

import data.attest.lib.kubernetes as k8s

deny contains "the pod shares the host's network namespace (hostNetwork: true)" if {
	k8s.pod_spec.hostNetwork == true
}

# METADATA
# title: Pods do not share the host's PID namespace
# description: >-
#   A pod with hostPID: true sees every process on the node and can signal or trace them, reading their environment and memory. Pod Security Standards forbid host
#   namespaces from the baseline level up.
# custom:
#   id: k8s-pod-host-pid
#   severity: high
#   benchmark: "PSS baseline: Host Namespaces; CIS Kubernetes 5.2.3"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.3]
#   remediation: Remove spec.hostPID from the pod spec (or set it to false).
package attest.rules.kubernetes.pod_host_pid

import data.attest.lib.kubernetes as k8s

deny contains "the pod shares the host's PID namespace (hostPID: true)" if {
	k8s.pod_spec.hostPID == true
}

# METADATA
# title: Pods do not share the host's IPC namespace
# description: >-
#   A pod with hostIPC: true shares the node's System V IPC and POSIX shared memory with every process on it. Pod Security Standards forbid host
#   namespaces from the baseline level up.
# custom:
#   id: k8s-pod-host-ipc
#   severity: high
#   benchmark: "PSS baseline: Host Namespaces; CIS Kubernetes 5.2.4"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.3]
#   remediation: Remove spec.hostIPC from the pod spec (or set it to false).
package attest.rules.kubernetes.pod_host_ipc

import data.attest.lib.kubernetes as k8s

deny contains "the pod shares the host's IPC namespace (hostIPC: true)" if {
	k8s.pod_spec.hostIPC == true
}

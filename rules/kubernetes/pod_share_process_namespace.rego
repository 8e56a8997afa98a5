# METADATA
# title: Containers of a pod do not share one process namespace
# description: >-
#   With shareProcessNamespace every container of the pod sees the others'
#   processes, can signal them and can read their environment and files
#   through /proc, so a compromised sidecar reaches the application's
#   secrets.
# custom:
#   id: k8s-pod-share-process-namespace
#   severity: low
#   benchmark: "Pod hardening: shareProcessNamespace"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Remove shareProcessNamespace (or set it to false); use an ephemeral
#     debug container when a process must be inspected.
package attest.rules.kubernetes.pod_share_process_namespace

import data.attest.lib.kubernetes as k8s

deny contains "the pod sets shareProcessNamespace: true" if {
	object.get(k8s.pod_spec, "shareProcessNamespace", false) == true
}

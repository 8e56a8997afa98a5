# METADATA
# title: Pods do not mount host paths
# description: >-
#   A hostPath volume gives the container a directory of the node: with the
#   container runtime's socket or /etc it owns the node, and even a harmless
#   looking path leaks other pods' data. Pod Security Standards forbid
#   hostPath volumes from the baseline level up.
# custom:
#   id: k8s-pod-host-path
#   severity: high
#   benchmark: "PSS baseline: HostPath Volumes; CIS Kubernetes 5.2.12"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Replace the hostPath volume with an emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim.
package attest.rules.kubernetes.pod_host_path

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some v in object.get(k8s.pod_spec, "volumes", [])
	v.hostPath
	msg := sprintf("volume %q mounts host path %q", [object.get(v, "name", ""), object.get(v.hostPath, "path", "")])
}

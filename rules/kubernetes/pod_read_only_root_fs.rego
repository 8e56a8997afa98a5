# METADATA
# title: Containers run with a read-only root file system
# description: >-
#   A writable root file system lets an intruder change the container's
#   binaries and configuration or drop tools into it, and lets an
#   application write data where it is lost on restart. With
#   readOnlyRootFilesystem the image stays as it was scanned; writable paths
#   are declared as volumes.
# custom:
#   id: k8s-pod-read-only-root-fs
#   severity: low
#   benchmark: "CIS Kubernetes 5.7.3 (security context); kube-linter no-read-only-root-fs"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.8, CC6.1]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Set securityContext.readOnlyRootFilesystem to true on every container
#     and mount an emptyDir where it must write.
package attest.rules.kubernetes.pod_read_only_root_fs

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	x.field != "ephemeralContainers"
	object.get(k8s.security_context(x.c), "readOnlyRootFilesystem", false) != true
	msg := sprintf("%s has a writable root file system", [k8s.describe(x)])
}

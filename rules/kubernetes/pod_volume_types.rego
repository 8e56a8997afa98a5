# METADATA
# title: Pods use only the volume types of the restricted standard
# description: >-
#   Volume types other than configMap, csi, downwardAPI, emptyDir, ephemeral,
#   persistentVolumeClaim, projected and secret reach storage directly (NFS,
#   iSCSI, cloud disks, the host's paths) and bypass the claims and classes
#   that the cluster controls. The restricted Pod Security Standard allows
#   only those.
# custom:
#   id: k8s-pod-volume-types
#   severity: low
#   benchmark: "PSS restricted: Volume Types"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [2.2.1]
#   remediation: Use a PersistentVolumeClaim (or a CSI volume) instead of mounting the storage directly.
package attest.rules.kubernetes.pod_volume_types

import data.attest.lib.kubernetes as k8s

allowed := {"name", "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"}

deny contains msg if {
	some v in object.get(k8s.pod_spec, "volumes", [])
	some field, _ in v
	not field in allowed
	msg := sprintf("volume %q is of type %s", [object.get(v, "name", ""), field])
}

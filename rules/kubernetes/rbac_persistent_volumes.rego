# METADATA
# title: Roles do not grant creating PersistentVolumes
# description: >-
#   A PersistentVolume may be a hostPath volume: whoever can create one can
#   mount any folder of a node into a pod, escaping the isolation that Pod
#   Security admission gives.
# custom:
#   id: k8s-rbac-persistent-volumes
#   severity: medium
#   benchmark: "CIS Kubernetes 5.1.9"
#   resource_types: [ClusterRole]
#   controls:
#     soc2: [CC6.3, CC6.1]
#     pci-dss-4.0: [7.2.1, 7.2.2]
#   remediation: >-
#     Let workloads request storage with PersistentVolumeClaims and
#     StorageClasses; keep PersistentVolume creation for administrators.
package attest.rules.kubernetes.rbac_persistent_volumes

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some i in k8s.granting(["create"], [""], ["persistentvolumes"])
	msg := sprintf("rule %d grants creating PersistentVolumes", [i])
}

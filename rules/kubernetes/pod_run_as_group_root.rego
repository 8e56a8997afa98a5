# METADATA
# title: Containers do not run with the root group
# description: >-
#   A process whose group is 0 can read and write every file the root group
#   owns in the image and on mounted volumes, which usually includes files
#   meant for root alone. Running with a non-zero runAsGroup and fsGroup
#   keeps the container's files and volumes out of reach of the root group.
# custom:
#   id: k8s-pod-run-as-group-root
#   severity: medium
#   benchmark: "Pod hardening: runAsGroup and fsGroup not 0"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.6]
#   remediation: >-
#     Set securityContext.runAsGroup (and fsGroup) to a non-zero group id on
#     the pod or the container.
package attest.rules.kubernetes.pod_run_as_group_root

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	k8s.effective(x.c, "runAsGroup") == 0
	msg := sprintf("%s runs with group 0 (runAsGroup)", [k8s.describe(x)])
}

deny contains "the pod gives its volumes group 0 (fsGroup)" if {
	object.get(k8s.pod_security_context, "fsGroup", null) == 0
}

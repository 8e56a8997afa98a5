# METADATA
# title: Containers must run as a non-root user
# description: >-
#   The restricted Pod Security Standard requires runAsNonRoot: true, on the
#   pod or on every container, so that the kubelet refuses to start an image
#   whose user is root. Without it, whether the container runs as root
#   depends on the image.
# custom:
#   id: k8s-pod-run-as-non-root
#   severity: medium
#   benchmark: "PSS restricted: Running as Non-root; CIS Kubernetes 5.2.7"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: "Set securityContext.runAsNonRoot: true in the pod spec (and do not set it to false on a container)."
package attest.rules.kubernetes.pod_run_as_non_root

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	k8s.effective(x.c, "runAsNonRoot") != true
	msg := sprintf("%s may run as root (runAsNonRoot is not true on the container or the pod)", [k8s.describe(x)])
}

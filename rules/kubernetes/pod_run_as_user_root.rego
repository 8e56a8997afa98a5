# METADATA
# title: Containers do not set user id 0
# description: >-
#   runAsUser: 0 runs the container's processes as root explicitly, whatever
#   the image says. The restricted Pod Security Standard forbids it on the pod
#   and on every container.
# custom:
#   id: k8s-pod-run-as-user-root
#   severity: high
#   benchmark: "PSS restricted: Running as Non-root user; CIS Kubernetes 5.2.7"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Set runAsUser to a non-zero user id, or remove it and set runAsNonRoot.
package attest.rules.kubernetes.pod_run_as_user_root

import data.attest.lib.kubernetes as k8s

deny contains "the pod sets runAsUser: 0" if {
	k8s.pod_security_context.runAsUser == 0
}

deny contains msg if {
	some x in k8s.containers
	k8s.security_context(x.c).runAsUser == 0
	msg := sprintf("%s sets runAsUser: 0", [k8s.describe(x)])
}

# METADATA
# title: Windows pods do not run as HostProcess containers
# description: >-
#   A Windows HostProcess container runs directly on the node with the
#   node's network, file system and the privileges of the user it names, as
#   an administrator would. The baseline Pod Security Standard forbids it.
# custom:
#   id: k8s-pod-host-process
#   severity: critical
#   benchmark: "PSS baseline: HostProcess; CIS Kubernetes 5.2.11"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: >-
#     Remove securityContext.windowsOptions.hostProcess (or set it to false)
#     from the pod and its containers.
package attest.rules.kubernetes.pod_host_process

import data.attest.lib.kubernetes as k8s

deny contains "the pod sets windowsOptions.hostProcess" if {
	object.get(k8s.pod_security_context, ["windowsOptions", "hostProcess"], false) == true
}

deny contains msg if {
	some x in k8s.containers
	object.get(k8s.security_context(x.c), ["windowsOptions", "hostProcess"], false) == true
	msg := sprintf("%s sets windowsOptions.hostProcess", [k8s.describe(x)])
}

# METADATA
# title: Containers do not set custom SELinux users, roles or types
# description: >-
#   Setting an SELinux user or role, or a type other than the container types,
#   can lift the confinement that SELinux puts on a container. The baseline
#   Pod Security Standard forbids them.
# custom:
#   id: k8s-pod-selinux
#   severity: medium
#   benchmark: "PSS baseline: SELinux"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Remove seLinuxOptions.user and role, and use one of container_t, container_init_t, container_kvm_t or container_engine_t as type.
package attest.rules.kubernetes.pod_selinux

import data.attest.lib.kubernetes as k8s

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

options contains {"where": "the pod", "o": k8s.pod_security_context.seLinuxOptions} if k8s.pod_security_context.seLinuxOptions

options contains {"where": k8s.describe(x), "o": k8s.security_context(x.c).seLinuxOptions} if {
	some x in k8s.containers
	k8s.security_context(x.c).seLinuxOptions
}

deny contains msg if {
	some s in options
	not object.get(s.o, "type", "") in allowed_types
	msg := sprintf("%s sets SELinux type %q", [s.where, s.o.type])
}

deny contains msg if {
	some s in options
	some field in ["user", "role"]
	object.get(s.o, field, "") != ""
	msg := sprintf("%s sets SELinux %s %q", [s.where, field, s.o[field]])
}

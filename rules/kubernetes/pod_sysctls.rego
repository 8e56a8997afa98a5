# METADATA
# title: Pods set only safe sysctls
# description: >-
#   Sysctls outside the namespaced safe set change kernel settings for the
#   whole node and every pod on it. The baseline Pod Security Standard allows
#   only the safe set.
# custom:
#   id: k8s-pod-sysctls
#   severity: medium
#   benchmark: "PSS baseline: Sysctls"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Remove the sysctl from securityContext.sysctls, or set it on the node where it is truly needed.
package attest.rules.kubernetes.pod_sysctls

import data.attest.lib.kubernetes as k8s

safe := {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

deny contains msg if {
	some s in object.get(k8s.pod_security_context, "sysctls", [])
	not object.get(s, "name", "") in safe
	msg := sprintf("the pod sets unsafe sysctl %q", [object.get(s, "name", "")])
}

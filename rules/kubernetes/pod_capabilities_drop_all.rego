# METADATA
# title: Containers drop all capabilities
# description: >-
#   The restricted Pod Security Standard requires every container to drop ALL
#   capabilities and add back at most NET_BIND_SERVICE, so that a compromised
#   process keeps none of the kernel privileges root would have.
# custom:
#   id: k8s-pod-capabilities-drop-all
#   severity: medium
#   benchmark: "PSS restricted: Capabilities; CIS Kubernetes 5.2.10"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: "Set securityContext.capabilities.drop: [ALL] on every container and add back only NET_BIND_SERVICE if needed."
package attest.rules.kubernetes.pod_capabilities_drop_all

import data.attest.lib.kubernetes as k8s

drops_all(x) if {
	some cap in object.get(k8s.security_context(x.c), ["capabilities", "drop"], [])
	upper(cap) == "ALL"
}

deny contains msg if {
	some x in k8s.containers
	not drops_all(x)
	msg := sprintf("%s does not drop ALL capabilities", [k8s.describe(x)])
}

deny contains msg if {
	some x in k8s.containers
	some cap in object.get(k8s.security_context(x.c), ["capabilities", "add"], [])
	trim_prefix(upper(cap), "CAP_") != "NET_BIND_SERVICE"
	msg := sprintf("%s adds capability %s (restricted allows only NET_BIND_SERVICE)", [k8s.describe(x), cap])
}

# METADATA
# title: Containers do not disable AppArmor
# description: >-
#   AppArmor confines what files and capabilities a container's processes
#   use. The baseline Pod Security Standard allows only the runtime's default
#   profile or a profile loaded on the node, never unconfined, whether set by
#   securityContext.appArmorProfile or by the older annotation.
# custom:
#   id: k8s-pod-apparmor
#   severity: medium
#   benchmark: "PSS baseline: AppArmor"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1, CC6.8]
#     pci-dss-4.0: [2.2.1, 2.2.6]
#   remediation: Remove the Unconfined AppArmor profile, or use RuntimeDefault or a Localhost profile.
package attest.rules.kubernetes.pod_apparmor

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	p := k8s.effective(x.c, "appArmorProfile")
	p != null
	not object.get(p, "type", "") in {"RuntimeDefault", "Localhost"}
	msg := sprintf("%s has AppArmor profile %q", [k8s.describe(x), object.get(p, "type", "")])
}

deny contains msg if {
	some key, value in object.get(k8s.pod_metadata, "annotations", {})
	startswith(key, "container.apparmor.security.beta.kubernetes.io/")
	value != "runtime/default"
	not startswith(value, "localhost/")
	msg := sprintf("annotation %s is %q", [key, value])
}

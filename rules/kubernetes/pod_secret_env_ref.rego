# METADATA
# title: Secrets reach containers as files, not environment variables
# description: >-
#   Environment variables are copied into child processes, printed by crash
#   handlers and debug endpoints, and shown by kubectl describe; a Secret
#   mounted as a file is read only by the code that opens it, and is updated
#   in place when the Secret changes.
# custom:
#   id: k8s-pod-secret-env-ref
#   severity: low
#   benchmark: "CIS Kubernetes 5.4.1"
#   resource_types: [Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Rollout]
#   controls:
#     soc2: [CC6.1]
#     pci-dss-4.0: [8.3.2]
#   remediation: >-
#     Mount the Secret as a volume (secret or projected) and read the file,
#     instead of env valueFrom.secretKeyRef or envFrom.secretRef.
package attest.rules.kubernetes.pod_secret_env_ref

import data.attest.lib.kubernetes as k8s

deny contains msg if {
	some x in k8s.containers
	some e in object.get(x.c, "env", [])
	ref := object.get(e, ["valueFrom", "secretKeyRef"], null)
	ref != null
	msg := sprintf("%s reads Secret %q into variable %s", [k8s.describe(x), object.get(ref, "name", ""), object.get(e, "name", "")])
}

deny contains msg if {
	some x in k8s.containers
	some e in object.get(x.c, "envFrom", [])
	ref := object.get(e, "secretRef", null)
	ref != null
	msg := sprintf("%s reads every key of Secret %q into its environment", [k8s.describe(x), object.get(ref, "name", "")])
}
